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
                                   "signing_date", "total_amount", "beneficiaries", "currency", "illustrative", "note",
                                   "kind", "sector", "beneficiaries_label", "beneficiaries_approximate"]
    static let partnerFields = ["id", "name", "name_fr", "short_name", "kind", "contacts"]
    static let contactFields = ["name", "role", "email"]
    static let projectFields = ["code", "title", "title_fr", "locations", "amount", "beneficiaries", "implementing_body",
                                "description", "objectives", "financing", "schedule", "status", "progress", "milestones"]
    static let meetingFields = ["date", "place", "chair", "attendees", "agenda", "decisions"]

    /// A date standing in for one that could not be read (its field is left unread, with an error).
    static let unreadDay = Day(year: 1, month: 1, day: 1)

    /// Returns the parts found; `imports` names CSV files to read next. A record with errors is kept, its
    /// unreadable fields holding placeholders (empty text, zero, `unreadDay`) and left unread in the log:
    /// the indexes of the records after it keep matching the file, and nothing disappears silently.
    func decode(_ root: Node) -> (info: ConventionInfo, partners: [Partner], projects: [Project], meetings: [Meeting],
                                  imports: [String: String])? {
        guard let top = reader.mapping(root, "", allowed: Self.topFields, what: "a convention file") else { return nil }
        let info: ConventionInfo
        if let node = top["convention"] { info = conventionInfo(node) } else {
            log.unreadable("convention", "missing required section «convention» (reference, title, programme, period…)",
                           at: reader.location(root))
            info = Self.unreadInfo
        }
        if top["partners"] == nil {
            log.unreadable("partners", "missing required section «partners» (the signatories: id, name and kind of each)",
                           at: reader.location(root))
        }
        let partners = reader.list(top, "partners", "").map { partner($0.0, $0.1) }
        let projects = reader.list(top, "projects", "").map { project($0.0, $0.1) }
        let meetings = reader.list(top, "meetings", "").map { meeting($0.0, $0.1) }
        var imports: [String: String] = [:]
        if let node = top["imports"], let map = reader.mapping(node, "imports", allowed: ["projects", "financing"], what: "CSV imports") {
            for key in ["projects", "financing"] { imports[key] = reader.string(map, key, "imports") }
        }
        return (info, partners, projects, meetings, imports)
    }

    static let unreadInfo = ConventionInfo(reference: "", title: "", programme: "", period: Period(start: unreadDay, end: unreadDay),
                                           province: "", totalAmount: .zero)

    private func conventionInfo(_ node: Node) -> ConventionInfo {
        let path = "convention"
        guard let map = reader.mapping(node, path, allowed: Self.conventionFields, what: "the convention") else { return Self.unreadInfo }
        var period: Period? = nil
        if let periodNode = map["period"] { period = self.period(periodNode, "\(path).period") } else {
            log.unreadable("\(path).period", "missing required field «period» (start and end dates)", at: reader.location(node))
        }
        let info = ConventionInfo(
            reference: reader.requiredString(map, "reference", path, parent: node) ?? "",
            title: reader.requiredString(map, "title", path, parent: node) ?? "",
            programme: reader.requiredString(map, "programme", path, parent: node) ?? "",
            axis: reader.string(map, "axis", path), period: period ?? Period(start: Self.unreadDay, end: Self.unreadDay),
            province: reader.requiredString(map, "province", path, parent: node) ?? "", region: reader.string(map, "region", path),
            signingDate: reader.day(map, "signing_date", path),
            totalAmount: reader.requiredMoney(map, "total_amount", path, parent: node) ?? .zero,
            beneficiaries: reader.int(map, "beneficiaries", path), currency: reader.string(map, "currency", path) ?? "MAD",
            illustrative: reader.strings(map, "illustrative", path), note: reader.string(map, "note", path),
            kind: reader.string(map, "kind", path), sector: reader.string(map, "sector", path),
            beneficiariesLabel: reader.string(map, "beneficiaries_label", path),
            beneficiariesApproximate: reader.bool(map, "beneficiaries_approximate", path))
        if let currency = map["currency"], info.currency != "MAD" {
            log.error("\(path).currency", "only MAD (Moroccan dirham) is supported, found «\(shown(info.currency))»", at: reader.location(currency))
        }
        return info
    }

    /// A period; nil (and unread) when it is not a mapping or a date cannot be read.
    func period(_ node: Node, _ path: String) -> Period? {
        guard let map = reader.mapping(node, path, allowed: ["start", "end"], what: "a period") else { return nil }
        let start = reader.requiredDay(map, "start", path, parent: node)
        let end = reader.requiredDay(map, "end", path, parent: node)
        guard let start, let end else { return nil }
        return Period(start: start, end: end)
    }

    private func partner(_ node: Node, _ path: String) -> Partner {
        guard let map = reader.mapping(node, path, allowed: Self.partnerFields, what: "a partner") else {
            return Partner(id: "", name: "", kind: .other)
        }
        return Partner(id: reader.requiredString(map, "id", path, parent: node, hint: "the partner's short id, e.g. indh") ?? "",
                       name: reader.requiredString(map, "name", path, parent: node) ?? "",
                       nameFr: reader.string(map, "name_fr", path), shortName: reader.string(map, "short_name", path),
                       kind: reader.requiredChoice(map, "kind", path, parent: node, as: PartnerKind.self) ?? .other,
                       contacts: reader.list(map, "contacts", path).map { contact($0.0, $0.1) })
    }

    private func contact(_ node: Node, _ path: String) -> Contact {
        guard let map = reader.mapping(node, path, allowed: Self.contactFields, what: "a contact") else { return Contact(email: "") }
        return Contact(name: reader.string(map, "name", path), role: reader.string(map, "role", path),
                       email: reader.requiredString(map, "email", path, parent: node, hint: "an email address, e.g. name@example.ma") ?? "")
    }

    private func project(_ node: Node, _ path: String) -> Project {
        guard let map = reader.mapping(node, path, allowed: Self.projectFields, what: "a project") else {
            return Project(code: "", title: "", amount: .zero)
        }
        return Project(code: reader.requiredString(map, "code", path, parent: node, hint: "the project's code, e.g. P01") ?? "",
                       title: reader.requiredString(map, "title", path, parent: node) ?? "",
                       titleFr: reader.string(map, "title_fr", path),
                       locations: reader.list(map, "locations", path).map { location($0.0, $0.1) },
                       amount: reader.requiredMoney(map, "amount", path, parent: node) ?? .zero,
                       beneficiaries: reader.int(map, "beneficiaries", path),
                       implementingBody: reader.string(map, "implementing_body", path),
                       description: reader.string(map, "description", path),
                       objectives: reader.strings(map, "objectives", path),
                       financing: reader.list(map, "financing", path).map { financingLine($0.0, $0.1) },
                       schedule: map["schedule"].flatMap { period($0, "\(path).schedule") },
                       status: reader.choice(map, "status", path, as: ProjectStatus.self),
                       progress: map["progress"].flatMap { progress($0, "\(path).progress") },
                       milestones: reader.list(map, "milestones", path).map { milestone($0.0, $0.1) })
    }

    private func location(_ node: Node, _ path: String) -> Location {
        if case .scalar = node, !reader.isEmpty(node), let commune = node.scalar?.string {
            log.remember("\(path).commune", reader.location(node))
            return Location(commune: commune.trimmedOfWhiteSpaceAndNewlines)
        }
        guard let map = reader.mapping(node, path, allowed: ["commune", "douars"], what: "a location") else { return Location(commune: "") }
        return Location(commune: reader.requiredString(map, "commune", path, parent: node) ?? "",
                        douars: reader.strings(map, "douars", path))
    }

    private func financingLine(_ node: Node, _ path: String) -> FinancingLine {
        guard let map = reader.mapping(node, path, allowed: ["partner", "amount"], what: "a financing line") else {
            return FinancingLine(partner: "", amount: .zero)
        }
        return FinancingLine(partner: reader.requiredString(map, "partner", path, parent: node, hint: "a partner id") ?? "",
                             amount: reader.requiredMoney(map, "amount", path, parent: node) ?? .zero)
    }

    private func progress(_ node: Node, _ path: String) -> Progress? {
        guard let map = reader.mapping(node, path, allowed: ["physical", "committed", "disbursed"], what: "progress figures") else { return nil }
        return Progress(physical: reader.decimal(map, "physical", path), committed: reader.money(map, "committed", path),
                        disbursed: reader.money(map, "disbursed", path))
    }

    private func milestone(_ node: Node, _ path: String) -> Milestone {
        guard let map = reader.mapping(node, path, allowed: ["date", "label", "done"], what: "a milestone") else {
            return Milestone(date: Self.unreadDay, label: "")
        }
        return Milestone(date: reader.requiredDay(map, "date", path, parent: node) ?? Self.unreadDay,
                         label: reader.requiredString(map, "label", path, parent: node) ?? "",
                         done: reader.bool(map, "done", path) ?? false)
    }

    private func meeting(_ node: Node, _ path: String) -> Meeting {
        guard let map = reader.mapping(node, path, allowed: Self.meetingFields, what: "a meeting") else {
            return Meeting(date: Self.unreadDay, place: "")
        }
        return Meeting(date: reader.requiredDay(map, "date", path, parent: node) ?? Self.unreadDay,
                       place: reader.requiredString(map, "place", path, parent: node) ?? "",
                       chair: reader.string(map, "chair", path), attendees: reader.strings(map, "attendees", path),
                       agenda: reader.strings(map, "agenda", path), decisions: reader.strings(map, "decisions", path))
    }
}
