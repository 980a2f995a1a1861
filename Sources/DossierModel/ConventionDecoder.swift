import Foundation
import Yams

/// Builds a `Convention` from a node tree, field by field, reporting every problem with its place.
/// Required fields that are missing or wrong leave the value out and the decoding goes on, so one run
/// reports everything there is to fix.
struct ConventionDecoder {
    let reader: NodeReader
    var log: ProblemLog { reader.log }

    static let topFields = ["convention", "partners", "projects", "meetings", "imports"]
    static let conventionFields = ["reference", "title", "programme", "axis", "period", "province", "region",
                                   "signing_date", "total_amount", "beneficiaries", "currency", "illustrative", "note"]
    static let partnerFields = ["id", "name", "name_fr", "short_name", "kind", "contacts"]
    static let contactFields = ["name", "role", "email"]
    static let projectFields = ["code", "title", "title_fr", "locations", "amount", "beneficiaries", "implementing_body",
                                "description", "objectives", "financing", "schedule", "status", "progress", "milestones"]
    static let meetingFields = ["date", "place", "chair", "attendees", "agenda", "decisions"]

    /// Returns the parts found; `imports` names CSV files to read next.
    func decode(_ root: Node) -> (info: ConventionInfo?, partners: [Partner], projects: [Project], meetings: [Meeting],
                                  imports: [String: String], projectsFailed: Int) {
        guard let top = reader.mapping(root, "", allowed: Self.topFields, what: "a convention file") else {
            return (nil, [], [], [], [:], 0)
        }
        var info: ConventionInfo? = nil
        if let node = top["convention"] { info = conventionInfo(node) } else {
            log.error("convention", "missing required section «convention» (reference, title, programme, period…)", at: reader.location(root))
        }
        let partners = reader.list(top, "partners", "").compactMap { partner($0.0, $0.1) }
        let projectNodes = reader.list(top, "projects", "")
        let projects = projectNodes.compactMap { project($0.0, $0.1) }
        let meetings = reader.list(top, "meetings", "").compactMap { meeting($0.0, $0.1) }
        var imports: [String: String] = [:]
        if let node = top["imports"], let map = reader.mapping(node, "imports", allowed: ["projects", "financing"], what: "CSV imports") {
            for key in ["projects", "financing"] { imports[key] = reader.string(map, key, "imports") }
        }
        return (info, partners, projects, meetings, imports, projectNodes.count - projects.count)
    }

    private func conventionInfo(_ node: Node) -> ConventionInfo? {
        let path = "convention"
        guard let map = reader.mapping(node, path, allowed: Self.conventionFields, what: "the convention") else { return nil }
        let reference = reader.requiredString(map, "reference", path, parent: node)
        let title = reader.requiredString(map, "title", path, parent: node)
        let programme = reader.requiredString(map, "programme", path, parent: node)
        let province = reader.requiredString(map, "province", path, parent: node)
        let total = reader.requiredMoney(map, "total_amount", path, parent: node)
        var period: Period? = nil
        if let periodNode = map["period"] { period = self.period(periodNode, "\(path).period") } else {
            log.error("\(path).period", "missing required field «period» (start and end dates)", at: reader.location(node))
        }
        let info = ConventionInfo(
            reference: reference ?? "", title: title ?? "", programme: programme ?? "",
            axis: reader.string(map, "axis", path), period: period ?? Period(start: Day(year: 1, month: 1, day: 1), end: Day(year: 1, month: 1, day: 1)),
            province: province ?? "", region: reader.string(map, "region", path),
            signingDate: reader.day(map, "signing_date", path), totalAmount: total ?? .zero,
            beneficiaries: reader.int(map, "beneficiaries", path), currency: reader.string(map, "currency", path) ?? "MAD",
            illustrative: reader.strings(map, "illustrative", path), note: reader.string(map, "note", path))
        if let currency = map["currency"], info.currency != "MAD" {
            log.error("\(path).currency", "only MAD (Moroccan dirham) is supported, found «\(info.currency)»", at: reader.location(currency))
        }
        guard reference != nil, title != nil, programme != nil, province != nil, total != nil, period != nil else { return nil }
        return info
    }

    func period(_ node: Node, _ path: String) -> Period? {
        guard let map = reader.mapping(node, path, allowed: ["start", "end"], what: "a period") else { return nil }
        guard let start = reader.requiredDay(map, "start", path, parent: node),
              let end = reader.requiredDay(map, "end", path, parent: node) else { return nil }
        return Period(start: start, end: end)
    }

    private func partner(_ node: Node, _ path: String) -> Partner? {
        guard let map = reader.mapping(node, path, allowed: Self.partnerFields, what: "a partner") else { return nil }
        let id = reader.requiredString(map, "id", path, parent: node)
        let name = reader.requiredString(map, "name", path, parent: node)
        var kind: PartnerKind? = nil
        if map["kind"] == nil {
            log.error("\(path).kind", "missing required field «kind»; expected one of: "
                      + PartnerKind.allCases.map(\.rawValue).joined(separator: ", "), at: reader.location(node))
        } else {
            kind = reader.choice(map, "kind", path, as: PartnerKind.self)
        }
        let contacts = reader.list(map, "contacts", path).compactMap { contact($0.0, $0.1) }
        guard let id, let name, let kind else { return nil }
        return Partner(id: id, name: name, nameFr: reader.string(map, "name_fr", path),
                       shortName: reader.string(map, "short_name", path), kind: kind, contacts: contacts)
    }

    private func contact(_ node: Node, _ path: String) -> Contact? {
        guard let map = reader.mapping(node, path, allowed: Self.contactFields, what: "a contact") else { return nil }
        guard let email = reader.requiredString(map, "email", path, parent: node) else { return nil }
        if email.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) == nil {
            log.error("\(path).email", "«\(email)» is not an email address (name@domain.ma)", at: map["email"].map(reader.location))
        }
        return Contact(name: reader.string(map, "name", path), role: reader.string(map, "role", path), email: email)
    }

    private func project(_ node: Node, _ path: String) -> Project? {
        guard let map = reader.mapping(node, path, allowed: Self.projectFields, what: "a project") else { return nil }
        let code = reader.requiredString(map, "code", path, parent: node)
        let title = reader.requiredString(map, "title", path, parent: node)
        let amount = reader.requiredMoney(map, "amount", path, parent: node)
        let locations = reader.list(map, "locations", path).compactMap { location($0.0, $0.1) }
        let financing = reader.list(map, "financing", path).compactMap { financingLine($0.0, $0.1) }
        let milestones = reader.list(map, "milestones", path).compactMap { milestone($0.0, $0.1) }
        let schedule = map["schedule"].flatMap { period($0, "\(path).schedule") }
        let progress = map["progress"].flatMap { self.progress($0, "\(path).progress") }
        guard let code, let title, let amount else { return nil }
        return Project(code: code, title: title, titleFr: reader.string(map, "title_fr", path), locations: locations,
                       amount: amount, beneficiaries: reader.int(map, "beneficiaries", path),
                       implementingBody: reader.string(map, "implementing_body", path),
                       description: reader.string(map, "description", path),
                       objectives: reader.strings(map, "objectives", path), financing: financing, schedule: schedule,
                       status: reader.choice(map, "status", path, as: ProjectStatus.self), progress: progress,
                       milestones: milestones)
    }

    private func location(_ node: Node, _ path: String) -> Location? {
        if case .scalar(let scalar) = node, !scalar.string.isEmpty { return Location(commune: scalar.string) }
        guard let map = reader.mapping(node, path, allowed: ["commune", "douars"], what: "a location") else { return nil }
        guard let commune = reader.requiredString(map, "commune", path, parent: node) else { return nil }
        return Location(commune: commune, douars: reader.strings(map, "douars", path))
    }

    private func financingLine(_ node: Node, _ path: String) -> FinancingLine? {
        guard let map = reader.mapping(node, path, allowed: ["partner", "amount"], what: "a financing line") else { return nil }
        guard let partner = reader.requiredString(map, "partner", path, parent: node),
              let amount = reader.requiredMoney(map, "amount", path, parent: node) else { return nil }
        return FinancingLine(partner: partner, amount: amount)
    }

    private func progress(_ node: Node, _ path: String) -> Progress? {
        guard let map = reader.mapping(node, path, allowed: ["physical", "committed", "disbursed"], what: "progress figures") else { return nil }
        return Progress(physical: reader.decimal(map, "physical", path), committed: reader.money(map, "committed", path),
                        disbursed: reader.money(map, "disbursed", path))
    }

    private func milestone(_ node: Node, _ path: String) -> Milestone? {
        guard let map = reader.mapping(node, path, allowed: ["date", "label", "done"], what: "a milestone") else { return nil }
        guard let date = reader.requiredDay(map, "date", path, parent: node),
              let label = reader.requiredString(map, "label", path, parent: node) else { return nil }
        return Milestone(date: date, label: label, done: reader.bool(map, "done", path) ?? false)
    }

    private func meeting(_ node: Node, _ path: String) -> Meeting? {
        guard let map = reader.mapping(node, path, allowed: Self.meetingFields, what: "a meeting") else { return nil }
        guard let date = reader.requiredDay(map, "date", path, parent: node),
              let place = reader.requiredString(map, "place", path, parent: node) else { return nil }
        return Meeting(date: date, place: place, chair: reader.string(map, "chair", path),
                       attendees: reader.strings(map, "attendees", path), agenda: reader.strings(map, "agenda", path),
                       decisions: reader.strings(map, "decisions", path))
    }
}
