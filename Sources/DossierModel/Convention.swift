import Foundation

/// Kinds of partner, as the dossiers group and label them.
public enum PartnerKind: String, Hashable, Sendable, Codable, CaseIterable {
    case ministry, agency, council, commune, chamber, other
}

/// Where a project stands.
public enum ProjectStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case planned, studies, tendering
    case inProgress = "in_progress"
    case completed, suspended
}

/// Somebody who receives the dossiers by email.
public struct Contact: Hashable, Sendable, Codable {
    public var name: String?
    public var role: String?
    public var email: String
    public init(name: String? = nil, role: String? = nil, email: String) { self.name = name; self.role = role; self.email = email }
}

/// A signatory of the convention.
public struct Partner: Hashable, Sendable, Codable {
    /// Short identifier used by financing lines (`ministry`, `indh`…).
    public var id: String
    /// Arabic name.
    public var name: String
    public var nameFr: String?
    public var shortName: String?
    public var kind: PartnerKind
    public var contacts: [Contact]
    public init(id: String, name: String, nameFr: String? = nil, shortName: String? = nil, kind: PartnerKind,
                contacts: [Contact] = []) {
        self.id = id; self.name = name; self.nameFr = nameFr; self.shortName = shortName; self.kind = kind
        self.contacts = contacts
    }
}

/// A place where a project is carried out: a commune and, optionally, douars in it.
public struct Location: Hashable, Sendable, Codable {
    public var commune: String
    public var douars: [String]
    public init(commune: String, douars: [String] = []) { self.commune = commune; self.douars = douars }
}

/// One partner's contribution to one project.
public struct FinancingLine: Hashable, Sendable, Codable {
    public var partner: String
    public var amount: Money
    public init(partner: String, amount: Money) { self.partner = partner; self.amount = amount }
}

/// Progress figures of a project.
public struct Progress: Hashable, Sendable, Codable {
    /// Physical progress, percent (0–100), exact decimal.
    public var physical: Decimal?
    public var committed: Money?
    public var disbursed: Money?
    public init(physical: Decimal? = nil, committed: Money? = nil, disbursed: Money? = nil) {
        self.physical = physical; self.committed = committed; self.disbursed = disbursed
    }
}

/// A dated step of a project's schedule.
public struct Milestone: Hashable, Sendable, Codable {
    public var date: Day
    public var label: String
    public var done: Bool
    public init(date: Day, label: String, done: Bool = false) { self.date = date; self.label = label; self.done = done }
}

/// A project of the convention.
public struct Project: Hashable, Sendable, Codable {
    public var code: String
    public var title: String
    public var titleFr: String?
    public var locations: [Location]
    public var amount: Money
    public var beneficiaries: Int?
    public var implementingBody: String?
    public var description: String?
    public var objectives: [String]
    public var financing: [FinancingLine]
    public var schedule: Period?
    public var status: ProjectStatus?
    public var progress: Progress?
    public var milestones: [Milestone]

    public init(code: String, title: String, titleFr: String? = nil, locations: [Location] = [], amount: Money,
                beneficiaries: Int? = nil, implementingBody: String? = nil, description: String? = nil,
                objectives: [String] = [], financing: [FinancingLine] = [], schedule: Period? = nil,
                status: ProjectStatus? = nil, progress: Progress? = nil, milestones: [Milestone] = []) {
        self.code = code; self.title = title; self.titleFr = titleFr; self.locations = locations; self.amount = amount
        self.beneficiaries = beneficiaries; self.implementingBody = implementingBody; self.description = description
        self.objectives = objectives; self.financing = financing; self.schedule = schedule; self.status = status
        self.progress = progress; self.milestones = milestones
    }

    /// Sum of the financing lines.
    public var financedTotal: Money { financing.reduce(.zero) { $0 + $1.amount } }

    /// What one partner gives to this project (zero when it gives nothing).
    public func contribution(of partnerID: String) -> Money {
        financing.filter { $0.partner == partnerID }.reduce(.zero) { $0 + $1.amount }
    }
}

/// A follow-up meeting of the convention.
public struct Meeting: Hashable, Sendable, Codable {
    public var date: Day
    public var place: String
    public var chair: String?
    public var attendees: [String]
    public var agenda: [String]
    public var decisions: [String]
    public init(date: Day, place: String, chair: String? = nil, attendees: [String] = [], agenda: [String] = [],
                decisions: [String] = []) {
        self.date = date; self.place = place; self.chair = chair; self.attendees = attendees; self.agenda = agenda
        self.decisions = decisions
    }
}

/// The convention itself: identity, period, totals.
public struct ConventionInfo: Hashable, Sendable, Codable {
    public var reference: String
    public var title: String
    public var programme: String
    public var axis: String?
    public var period: Period
    public var province: String
    public var region: String?
    public var signingDate: Day?
    public var totalAmount: Money
    public var beneficiaries: Int?
    public var currency: String
    /// Which parts of the data are illustrative rather than real (shown as a note in the dossiers).
    public var illustrative: [String]
    public var note: String?
    /// What kind of convention this is (`اتفاقية إطار للشراكة`); the dossiers say «اتفاقية شراكة» without it.
    public var kind: String?
    /// The sector the convention develops (`الصناعة التقليدية`), for the documents' keywords.
    public var sector: String?
    /// What the beneficiaries are (`صانع وصانعة`); the dossiers say «مستفيد» without it.
    public var beneficiariesLabel: String?
    /// Whether the number of beneficiaries is an estimate: the dossiers then say «حوالي».
    public var beneficiariesApproximate: Bool?

    public init(reference: String, title: String, programme: String, axis: String? = nil, period: Period,
                province: String, region: String? = nil, signingDate: Day? = nil, totalAmount: Money,
                beneficiaries: Int? = nil, currency: String = "MAD", illustrative: [String] = [], note: String? = nil,
                kind: String? = nil, sector: String? = nil, beneficiariesLabel: String? = nil,
                beneficiariesApproximate: Bool? = nil) {
        self.reference = reference; self.title = title; self.programme = programme; self.axis = axis
        self.period = period; self.province = province; self.region = region; self.signingDate = signingDate
        self.totalAmount = totalAmount; self.beneficiaries = beneficiaries; self.currency = currency
        self.illustrative = illustrative; self.note = note; self.kind = kind; self.sector = sector
        self.beneficiariesLabel = beneficiariesLabel; self.beneficiariesApproximate = beneficiariesApproximate
    }
}

/// Everything a dossier is rendered from.
public struct Convention: Hashable, Sendable, Codable {
    public var convention: ConventionInfo
    public var partners: [Partner]
    public var projects: [Project]
    public var meetings: [Meeting]

    public init(convention: ConventionInfo, partners: [Partner], projects: [Project], meetings: [Meeting] = []) {
        self.convention = convention; self.partners = partners; self.projects = projects; self.meetings = meetings
    }

    /// The partner with `id`, if any.
    public func partner(_ id: String) -> Partner? { partners.first { $0.id == id } }

    /// Sum of the projects' amounts.
    public var projectsTotal: Money { projects.reduce(.zero) { $0 + $1.amount } }

    /// A partner's contribution over all projects.
    public func contribution(of partnerID: String) -> Money {
        projects.reduce(.zero) { $0 + $1.contribution(of: partnerID) }
    }
}
