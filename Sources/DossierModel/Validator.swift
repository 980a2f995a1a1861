import Foundation

/// The rules a convention must satisfy beyond its shape: references resolve, nothing is counted twice,
/// amounts are positive and add up exactly, progress is possible, periods run forward.
struct Validator {
    let log: ProblemLog
    /// False when some project could not be read: the sums would then be wrong for that reason only.
    var checkTotals = true

    func check(_ c: Convention) {
        checkUnique(c.partners.map(\.id), path: { "partners[\($0)].id" }, what: "partner id")
        checkUnique(c.projects.map(\.code), path: { "projects[\($0)].code" }, what: "project code")
        checkPeriod(c.convention.period, "convention.period")
        checkAmount(c.convention.totalAmount, "convention.total_amount")
        if checkTotals && c.projectsTotal != c.convention.totalAmount {
            log.error("convention.total_amount",
                      "the projects add up to \(Plain.money(c.projectsTotal)) dirhams but the convention total is "
                      + "\(Plain.money(c.convention.totalAmount)); the difference is \(Plain.money(c.convention.totalAmount - c.projectsTotal))")
        }
        let partnerIDs = Set(c.partners.map(\.id))
        for (index, project) in c.projects.enumerated() { check(project, at: "projects[\(index)]", partners: partnerIDs) }
        for (index, meeting) in c.meetings.enumerated() where meeting.date < c.convention.period.start {
            log.warning("meetings[\(index)].date", "the meeting (\(meeting.date)) is before the convention's period starts")
        }
        for (index, partner) in c.partners.enumerated() where c.contribution(of: partner.id) == .zero {
            log.warning("partners[\(index)]", "partner «\(partner.id)» contributes to no project")
        }
    }

    private func check(_ project: Project, at path: String, partners: Set<String>) {
        checkAmount(project.amount, "\(path).amount")
        if project.locations.isEmpty { log.warning("\(path).locations", "project \(project.code) has no location") }
        for (index, line) in project.financing.enumerated() {
            let linePath = "\(path).financing[\(index)]"
            if !partners.contains(line.partner) {
                let hint = Suggest.closest(to: line.partner, in: partners.sorted()).map { " (did you mean «\($0)»?)" } ?? ""
                log.error("\(linePath).partner", "unknown partner id «\(line.partner)»\(hint); known ids: \(partners.sorted().joined(separator: ", "))")
            }
            checkAmount(line.amount, "\(linePath).amount")
        }
        if !project.financing.isEmpty && project.financedTotal != project.amount {
            log.error("\(path).financing", "the financing lines of project \(project.code) add up to \(Plain.money(project.financedTotal)) "
                      + "but its amount is \(Plain.money(project.amount)); the difference is \(Plain.money(project.amount - project.financedTotal))")
        }
        checkUnique(project.financing.map(\.partner), path: { "\(path).financing[\($0)].partner" }, what: "partner in the financing of \(project.code)")
        if let schedule = project.schedule { checkPeriod(schedule, "\(path).schedule") }
        if let progress = project.progress { check(progress, project: project, at: "\(path).progress") }
    }

    private func check(_ progress: Progress, project: Project, at path: String) {
        if let physical = progress.physical, physical < 0 || physical > 100 {
            log.error("\(path).physical", "physical progress must be between 0 and 100 %, found \(physical)")
        }
        if let committed = progress.committed {
            checkAmount(committed, "\(path).committed")
            if committed > project.amount {
                log.error("\(path).committed", "committed (\(Plain.money(committed))) is more than the project amount (\(Plain.money(project.amount)))")
            }
        }
        if let disbursed = progress.disbursed {
            checkAmount(disbursed, "\(path).disbursed")
            if let committed = progress.committed, disbursed > committed {
                log.error("\(path).disbursed", "disbursed (\(Plain.money(disbursed))) is more than committed (\(Plain.money(committed)))")
            } else if disbursed > project.amount {
                log.error("\(path).disbursed", "disbursed (\(Plain.money(disbursed))) is more than the project amount (\(Plain.money(project.amount)))")
            }
        }
    }

    private func checkAmount(_ amount: Money, _ path: String) {
        if amount.centimes < 0 { log.error(path, "an amount cannot be negative, found \(Plain.money(amount))") }
    }

    private func checkPeriod(_ period: Period, _ path: String) {
        if period.end < period.start {
            log.error("\(path).end", "the end (\(period.end)) is before the start (\(period.start))")
        }
    }

    private func checkUnique(_ values: [String], path: (Int) -> String, what: String) {
        var seen: [String: Int] = [:]
        for (index, value) in values.enumerated() {
            if let first = seen[value] {
                log.error(path(index), "duplicate \(what) «\(value)» (already used at \(path(first)))")
            } else {
                seen[value] = index
            }
        }
    }
}

/// Plain number formatting for error messages (not for dossiers): `5300000` or `2410000.50`.
enum Plain {
    static func money(_ m: Money) -> String { m.description }
}
