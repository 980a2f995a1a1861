import Foundation

/// The rules a convention must satisfy beyond its shape: there is something to render, references
/// resolve, nothing is counted twice, codes make distinct file names, texts can be drawn and fit,
/// amounts and counts are not negative and add up exactly, progress is possible, periods run forward.
///
/// A field that could not be read was reported when it was read and holds a placeholder: rules do not
/// judge it, and a sum that needs it says that it cannot be checked rather than staying silent.
struct Validator {
    let log: ProblemLog

    func check(_ c: Convention) {
        checkRequiredTexts(c)
        checkSomethingToRender(c)
        checkIdentifiers(c)
        checkTexts(c)
        checkContacts(c)
        checkPeriod(c.convention.period, "convention.period")
        checkAmount(c.convention.totalAmount, "convention.total_amount")
        checkCount(c.convention.beneficiaries, "convention.beneficiaries")
        checkTotal(c)
        for (index, project) in c.projects.enumerated() where log.wasRead("projects[\(index)]") {
            check(project, at: "projects[\(index)]")
        }
        checkPartnerReferences(c)
        checkMeetings(c)
        warnAboutIdlePartners(c)
    }

    /// What every dossier needs: projects, partners, financing lines (the financing charts have one series
    /// per contributing partner and cannot be drawn without any) and a total above zero.
    private func checkSomethingToRender(_ c: Convention) {
        if c.projects.isEmpty && log.wasRead("projects") && log.wasRead("imports.projects") {
            log.error("projects", "the convention has no project; give at least one (under «projects» or in an imported CSV file)")
        }
        if c.partners.isEmpty && log.wasRead("partners") {
            log.error("partners", "the convention has no partner; give at least one (its signatories)")
        }
        if c.partners.count > TextRule.maximumPartners {
            log.error("partners", "the convention has \(c.partners.count) partners; at most \(TextRule.maximumPartners) fit the financing "
                      + "matrix (a column each) and the legend of the partners' shares on a page")
        }
        let financingRead = c.projects.indices.allSatisfy { log.wasFullyRead("projects[\($0)].financing") }
        if !c.projects.isEmpty && financingRead && c.projects.allSatisfy(\.financing.isEmpty) {
            log.error("projects", "no project has financing lines; the dossiers chart the financing by partner, "
                      + "so give at least one project its financing (partner and amount)")
        }
        if log.wasRead("convention.total_amount") && c.convention.totalAmount == .zero {
            log.error("convention.total_amount", "the convention total is 0; the dossiers present and chart amounts, so give the real total")
        }
    }

    /// The convention total equals the sum of the projects' amounts; when that cannot be computed, a
    /// problem says which fields are missing, so that the check never turns off silently (a total that
    /// could not be read has its own error on the same field).
    private func checkTotal(_ c: Convention) {
        guard log.wasRead("convention.total_amount") else { return }
        let needed = ["projects", "imports.projects"] + c.projects.indices.map { "projects[\($0)].amount" }
        let causes = needed.flatMap { log.unreadCauses(of: $0) }
        guard causes.isEmpty else {
            log.error("convention.total_amount", "cannot check that the projects add up to the total: "
                      + "\(Self.list(causes)) could not be read (see the errors there)")
            return
        }
        if c.projectsTotal != c.convention.totalAmount {
            log.error("convention.total_amount",
                      "the projects add up to \(Plain.money(c.projectsTotal)) dirhams but the convention total is "
                      + "\(Plain.money(c.convention.totalAmount)); the difference is \(Plain.money(c.convention.totalAmount - c.projectsTotal))")
        }
    }

    private func check(_ project: Project, at path: String) {
        checkAmount(project.amount, "\(path).amount")
        checkCount(project.beneficiaries, "\(path).beneficiaries")
        if project.locations.isEmpty && log.wasFullyRead("\(path).locations") {
            log.warning("\(path).locations", "project \(name(of: project, at: path)) has no location")
        }
        for (index, line) in project.financing.enumerated() { checkAmount(line.amount, "\(path).financing[\(index)].amount") }
        checkFinancingTotal(project, at: path)
        checkUnique(project.financing.indices.map { ("\(path).financing[\($0)].partner", project.financing[$0].partner) },
                    what: "partner in the financing of \(name(of: project, at: path))")
        if let schedule = project.schedule { checkPeriod(schedule, "\(path).schedule") }
        if let progress = project.progress { check(progress, project: project, at: path) }
    }

    /// Every financing line names a partner by its id. While a partner's id could not be read, a line
    /// naming no known partner may mean that one: a single problem says so instead of one per line.
    private func checkPartnerReferences(_ c: Convention) {
        // Without the partners' section every line would be "unknown": its error says what to add.
        guard log.wasRead("partners") else { return }
        let known = c.partners.indices.filter { log.wasRead("partners[\($0)].id") }.map { c.partners[$0].id }.sorted()
        let unreadIDs = c.partners.indices.flatMap { log.unreadCauses(of: "partners[\($0)].id") }
        var unmatched: [(path: String, id: String)] = []
        for (p, project) in c.projects.enumerated() where log.wasRead("projects[\(p)]") {
            for (index, line) in project.financing.enumerated() where log.wasRead("projects[\(p)].financing[\(index)].partner") {
                if !known.contains(line.partner) { unmatched.append(("projects[\(p)].financing[\(index)].partner", line.partner)) }
            }
        }
        guard unreadIDs.isEmpty else {
            if let first = unmatched.first {
                log.error(first.path, "cannot check which partner «\(shown(first.id))» (and \(unmatched.count - 1) other line(s)) "
                          + "names: \(Self.list(unreadIDs)) could not be read (see the errors there)")
            }
            return
        }
        for (path, id) in unmatched {
            let hint = Suggest.hint(for: id, in: known)
            log.error(path, "unknown partner id «\(shown(id))»\(hint); known ids: \(known.joined(separator: ", "))")
        }
    }

    /// A project's financing lines add up to its amount exactly (when it has lines).
    private func checkFinancingTotal(_ project: Project, at path: String) {
        let causes = log.unreadCauses(of: "\(path).amount") + log.unreadCauses(of: "\(path).financing", inside: true)
        guard causes.isEmpty else {
            log.error("\(path).financing", "cannot check that the financing lines of project \(name(of: project, at: path)) add up "
                      + "to its amount: \(Self.list(causes)) could not be read (see the errors there)")
            return
        }
        if !project.financing.isEmpty && project.financedTotal != project.amount {
            log.error("\(path).financing", "the financing lines of project \(name(of: project, at: path)) add up to \(Plain.money(project.financedTotal)) "
                      + "but its amount is \(Plain.money(project.amount)); the difference is \(Plain.money(project.amount - project.financedTotal))")
        }
    }

    private func check(_ progress: Progress, project: Project, at projectPath: String) {
        let path = "\(projectPath).progress"
        if let physical = progress.physical, physical < 0 || physical > 100 {
            log.error("\(path).physical", "physical progress must be between 0 and 100 %, found \(physical)")
        }
        let amountRead = log.wasRead("\(projectPath).amount")
        if let committed = progress.committed {
            checkAmount(committed, "\(path).committed")
            if amountRead && committed > project.amount {
                log.error("\(path).committed", "committed (\(Plain.money(committed))) is more than the project amount (\(Plain.money(project.amount)))")
            }
        }
        if let disbursed = progress.disbursed {
            checkAmount(disbursed, "\(path).disbursed")
            if let committed = progress.committed, disbursed > committed {
                log.error("\(path).disbursed", "disbursed (\(Plain.money(disbursed))) is more than committed (\(Plain.money(committed)))")
            } else if amountRead && disbursed > project.amount {
                log.error("\(path).disbursed", "disbursed (\(Plain.money(disbursed))) is more than the project amount (\(Plain.money(project.amount)))")
            }
        }
    }

    private func checkMeetings(_ c: Convention) {
        guard log.wasRead("convention.period") else { return }
        for (index, meeting) in c.meetings.enumerated() where log.wasRead("meetings[\(index)].date") && meeting.date < c.convention.period.start {
            log.warning("meetings[\(index)].date", "the meeting (\(meeting.date)) is before the convention's period starts")
        }
    }

    /// A partner that finances nothing is probably a typo in a financing line (only when every line was read).
    private func warnAboutIdlePartners(_ c: Convention) {
        guard c.projects.indices.allSatisfy({ log.wasFullyRead("projects[\($0)].financing") }) else { return }
        for (index, partner) in c.partners.enumerated() where log.wasRead("partners[\(index)].id") && c.contribution(of: partner.id) == .zero {
            log.warning("partners[\(index)]", "partner «\(shown(partner.id))» contributes to no project")
        }
    }

    /// Every contact's address follows the simple rule of `EmailAddress`.
    private func checkContacts(_ c: Convention) {
        for (p, partner) in c.partners.enumerated() {
            for (index, contact) in partner.contacts.enumerated() where log.wasRead("partners[\(p)].contacts[\(index)].email") {
                if let problem = EmailAddress.problem(with: contact.email) {
                    log.error("partners[\(p)].contacts[\(index)].email",
                              "«\(shown(contact.email))» is not an email address (name@domain.ma): \(problem)")
                }
            }
        }
    }

    func checkAmount(_ amount: Money, _ path: String) {
        if amount.centimes < 0 { log.error(path, "an amount cannot be negative, found \(Plain.money(amount))") }
        // The dossiers write amounts in words, which go up to the milliards.
        if amount.dirhamsAndCentimes.0 > AmountInWords.largestDirhams {
            log.error(path, "an amount must be below a million millions of dirhams (1 000 000 000 000), the largest the "
                      + "dossiers write in words; found \(Plain.money(amount))")
        }
    }

    func checkCount(_ count: Int?, _ path: String) {
        if let count, count < 0 { log.error(path, "a number of people cannot be negative, found \(count)") }
    }

    private func checkPeriod(_ period: Period, _ path: String) {
        if log.wasRead(path) && period.end < period.start {
            log.error("\(path).end", "the end (\(period.end)) is before the start (\(period.start))")
        }
    }

    /// Values (with their paths) that appear a second time are errors there; unread ones are skipped.
    func checkUnique(_ values: [(path: String, value: String)], what: String) {
        var seen: [String: String] = [:]
        for (path, value) in values where log.wasRead(path) {
            if let first = seen[value] {
                log.error(path, "duplicate \(what) «\(shown(value))» (already used at \(first))")
            } else {
                seen[value] = path
            }
        }
    }

    /// The project's code for messages, or its path when the code could not be read.
    func name(of project: Project, at path: String) -> String {
        log.wasRead("\(path).code") ? shown(project.code) : path
    }

    /// `a, b and 3 more`.
    static func list(_ paths: [String]) -> String {
        let shownPaths = paths.prefix(4).joined(separator: ", ")
        return paths.count > 4 ? "\(shownPaths) and \(paths.count - 4) more" : shownPaths
    }
}

/// Plain number formatting for error messages (not for dossiers): `5300000` or `2410000.50`.
enum Plain {
    static func money(_ m: Money) -> String { m.description }
}
