import DossierModel
import Foundation

/// The type of a field, as templates see it.
indirect enum FieldType: Equatable, Sendable, CustomStringConvertible {
    case text, money, date, percent, integer, bool
    case object(String)
    case list(FieldType)

    var description: String {
        switch self {
        case .text: return "text"
        case .money: return "an amount"
        case .date: return "a date"
        case .percent: return "a percentage"
        case .integer: return "a whole number"
        case .bool: return "yes/no"
        case .object(let name): return "a \(name)"
        case .list(let element): return "a list of \(element)"
        }
    }
}

/// A value of the data, as templates see it.
indirect enum Value {
    case text(String)
    case money(Money)
    case date(Day)
    case percent(Decimal)
    case integer(Int)
    case bool(Bool)
    case object([String: Value])
    case list([Value])
    case absent

    /// Whether `<if>` considers the value present: absent, empty text and empty lists are not.
    var isPresent: Bool {
        switch self {
        case .absent: return false
        case .text(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .bool(let b): return b
        default: return true
        }
    }

    /// Whether `or:` replaces the value: not present, or a zero amount or number.
    var isEmptyOrZero: Bool {
        switch self {
        case .money(let m): return m == .zero
        case .integer(let i): return i == 0
        case .percent(let p): return p == 0
        default: return !isPresent
        }
    }

    func field(_ name: String) -> Value {
        if case .object(let fields) = self { return fields[name] ?? .absent }
        return .absent
    }
}

/// The fields every object type has: what a layout may write after a dot.
enum Schema {
    static let types: [String: [String: FieldType]] = [
        "convention": [
            "reference": .text, "title": .text, "programme": .text, "axis": .text, "province": .text, "region": .text,
            "signing_date": .date, "period": .object("period"), "total_amount": .money, "projects_total": .money,
            "beneficiaries": .integer, "currency": .text, "note": .text, "illustrative": .list(.text),
            "kind": .text, "sector": .text, "beneficiaries_label": .text, "beneficiaries_about": .text,
            "subject": .text, "keywords": .text, "framework": .text, "title_and_axis": .text,
            "is_illustrative": .bool, "projects": .list(.object("project")), "partners": .list(.object("partner")),
            "meetings": .list(.object("meeting")), "project_count": .integer, "partner_count": .integer,
        ],
        "period": ["start": .date, "end": .date],
        "partner": [
            "id": .text, "name": .text, "name_fr": .text, "short_name": .text, "display_name": .text, "kind": .text,
            "kind_label": .text, "contacts": .list(.object("contact")), "contribution": .money, "share": .percent,
            "by_project": .list(.money), "index": .integer, "contributions": .list(.object("contribution")),
            "project_count": .integer,
        ],
        "contribution": ["code": .text, "title": .text, "amount": .money, "share": .percent, "project_amount": .money],
        "contact": ["name": .text, "role": .text, "email": .text],
        "project": [
            "index": .integer, "code": .text, "title": .text, "title_fr": .text, "locations": .list(.object("location")),
            "places": .text, "amount": .money, "beneficiaries": .integer, "implementing_body": .text, "description": .text,
            "objectives": .list(.text), "financing": .list(.object("financing")), "financed_total": .money,
            "schedule": .object("period"), "status": .text, "status_label": .text, "progress": .object("progress"),
            "milestones": .list(.object("milestone")), "share": .percent, "anchor": .text, "by_partner": .list(.money),
            "keywords": .text,
        ],
        "location": ["commune": .text, "douars": .list(.text)],
        "financing": ["partner": .text, "partner_name": .text, "partner_short": .text, "amount": .money, "share": .percent],
        "progress": ["physical": .percent, "committed": .money, "disbursed": .money, "committed_share": .percent,
                     "disbursed_share": .percent],
        "milestone": ["date": .date, "label": .text, "done": .bool, "state": .text],
        "meeting": ["date": .date, "place": .text, "chair": .text, "attendees": .list(.text), "agenda": .list(.text),
                    "decisions": .list(.text), "anchor": .text],
        "dossier": ["date": .date, "kind": .text, "fingerprint": .text],
    ]

    static let kindLabels: [PartnerKind: String] = [
        .ministry: "وزارة", .agency: "وكالة", .council: "مجلس منتخب", .commune: "جماعة", .chamber: "غرفة مهنية", .other: "شريك",
    ]
    static let statusLabels: [ProjectStatus: String] = [
        .planned: "مبرمج", .studies: "في طور الدراسات", .tendering: "في طور طلب العروض", .inProgress: "في طور الإنجاز",
        .completed: "منجز", .suspended: "متوقف",
    ]
}

/// Builds the value tree of a convention, with the computed fields the schema lists.
struct ValueBuilder {
    let convention: Convention

    func text(_ s: String?) -> Value { s.map(Value.text) ?? .absent }

    func share(_ part: Money, of whole: Money) -> Value {
        guard whole.centimes > 0 else { return .absent }
        return .percent(Decimal(part.centimes) * 100 / Decimal(whole.centimes))
    }

    func conventionValue() -> Value {
        let c = convention.convention
        return .object([
            "reference": .text(c.reference), "title": .text(c.title), "programme": .text(c.programme), "axis": text(c.axis),
            "province": .text(c.province), "region": text(c.region), "signing_date": c.signingDate.map(Value.date) ?? .absent,
            "period": period(c.period), "total_amount": .money(c.totalAmount), "projects_total": .money(convention.projectsTotal),
            "beneficiaries": c.beneficiaries.map(Value.integer) ?? .absent, "currency": .text(c.currency), "note": text(c.note),
            "kind": .text(c.kind ?? Wording.defaultKind), "sector": text(c.sector),
            "beneficiaries_label": .text(c.beneficiariesLabel ?? Wording.defaultBeneficiaries),
            "beneficiaries_about": .text(c.beneficiariesApproximate == true ? Wording.about : ""),
            "subject": .text(Wording.joined([c.programme, c.axis])),
            "framework": .text(Wording.joined([c.programme, c.axis], separator: "، ")),
            "title_and_axis": .text(Wording.joined([c.title, c.axis])),
            "keywords": .text(Wording.joined([c.reference, c.province, c.kind ?? Wording.defaultKind, c.sector], separator: "، ")),
            "illustrative": .list(c.illustrative.map(Value.text)), "is_illustrative": .bool(!c.illustrative.isEmpty),
            "projects": .list(convention.projects.enumerated().map { project($1, index: $0) }),
            "partners": .list(convention.partners.enumerated().map { partner($1, index: $0) }),
            "meetings": .list(convention.meetings.map(meeting)),
            "project_count": .integer(convention.projects.count), "partner_count": .integer(convention.partners.count),
        ])
    }

    func period(_ p: Period) -> Value { .object(["start": .date(p.start), "end": .date(p.end)]) }

    func partner(_ p: Partner, index: Int) -> Value {
        let contribution = convention.contribution(of: p.id)
        let contributions = convention.projects.compactMap { project -> (Project, Money)? in
            let amount = project.contribution(of: p.id)
            return amount == .zero ? nil : (project, amount)
        }
        return .object([
            "id": .text(p.id), "name": .text(p.name), "name_fr": text(p.nameFr), "short_name": text(p.shortName),
            "display_name": .text(p.shortName ?? p.name), "kind": .text(p.kind.rawValue),
            "kind_label": .text(Schema.kindLabels[p.kind] ?? ""), "index": .integer(index + 1),
            "contacts": .list(p.contacts.map { .object(["name": text($0.name), "role": text($0.role), "email": .text($0.email)]) }),
            "contribution": .money(contribution), "share": share(contribution, of: convention.convention.totalAmount),
            "by_project": .list(convention.projects.map { project in
                .money(project.contribution(of: p.id))
            }),
            "contributions": .list(contributions.map { project, amount in
                .object(["code": .text(project.code), "title": .text(project.title), "amount": .money(amount),
                         "share": share(amount, of: project.amount), "project_amount": .money(project.amount)])
            }),
            "project_count": .integer(contributions.count),
        ])
    }

    /// The anchor name of a project's section (used for links and bookmarks): its code made a file name,
    /// which validation keeps distinct between projects, so that every link reaches its own project.
    static func anchor(_ project: Project) -> String { "project-" + FileName.sanitized(project.code) }

    func project(_ p: Project, index: Int) -> Value {
        let places = p.locations.map { location in
            location.douars.isEmpty ? location.commune : location.douars.joined(separator: "، ") + "، " + location.commune
        }.joined(separator: "؛ ")
        var progress: Value = .absent
        if let pr = p.progress {
            progress = .object([
                "physical": pr.physical.map(Value.percent) ?? .absent,
                "committed": pr.committed.map(Value.money) ?? .absent, "disbursed": pr.disbursed.map(Value.money) ?? .absent,
                "committed_share": pr.committed.map { share($0, of: p.amount) } ?? .absent,
                "disbursed_share": pr.disbursed.map { share($0, of: p.amount) } ?? .absent,
            ])
        }
        return .object([
            "index": .integer(index + 1), "code": .text(p.code), "title": .text(p.title), "title_fr": text(p.titleFr),
            "locations": .list(p.locations.map { .object(["commune": .text($0.commune), "douars": .list($0.douars.map(Value.text))]) }),
            "places": places.isEmpty ? .absent : .text(places), "amount": .money(p.amount),
            "beneficiaries": p.beneficiaries.map(Value.integer) ?? .absent, "implementing_body": text(p.implementingBody),
            "description": text(p.description), "objectives": .list(p.objectives.map(Value.text)),
            "financing": .list(p.financing.map { line in
                let partner = convention.partner(line.partner)
                return .object(["partner": .text(line.partner), "partner_name": text(partner?.name),
                                "partner_short": text(partner?.shortName ?? partner?.name), "amount": .money(line.amount),
                                "share": share(line.amount, of: p.amount)])
            }),
            "financed_total": .money(p.financedTotal), "schedule": p.schedule.map(period) ?? .absent,
            "status": p.status.map { .text($0.rawValue) } ?? .absent,
            "status_label": p.status.map { .text(Schema.statusLabels[$0] ?? $0.rawValue) } ?? .absent,
            "progress": progress,
            "milestones": .list(p.milestones.map { .object(["date": .date($0.date), "label": .text($0.label), "done": .bool($0.done),
                                                            "state": .text($0.done ? "منجز" : "مرتقب")]) }),
            "share": share(p.amount, of: convention.convention.totalAmount), "anchor": .text(Self.anchor(p)),
            "keywords": .text(Wording.joined([convention.convention.reference, p.code, convention.convention.sector], separator: "، ")),
            "by_partner": .list(convention.partners.map { partner in
                .money(p.contribution(of: partner.id))
            }),
        ])
    }

    func meeting(_ m: Meeting) -> Value {
        .object(["date": .date(m.date), "place": .text(m.place), "chair": text(m.chair),
                 "attendees": .list(m.attendees.map(Value.text)), "agenda": .list(m.agenda.map(Value.text)),
                 "decisions": .list(m.decisions.map(Value.text)), "anchor": .text("meeting-\(m.date)")])
    }
}

/// Neutral wording for what a convention's data does not say, and joining of optional parts: nothing specific
/// to one convention (its sector, what its beneficiaries are) is written into the layouts.
enum Wording {
    static let defaultKind = "اتفاقية شراكة"
    static let defaultBeneficiaries = "مستفيد"
    /// «حوالي» (about), with its space: printed before an estimated number of beneficiaries.
    static let about = "حوالي "

    /// The parts that are present, joined, so that no separator dangles when a field is empty.
    static func joined(_ parts: [String?], separator: String = " – ") -> String {
        parts.compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: separator)
    }
}
