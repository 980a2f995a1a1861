import DossierKit
import Foundation

/// What the web page shows of valid data: the convention's summary, formatted as the dossiers print it, and
/// the list of its dossiers (what can be previewed and downloaded).
struct WebSummary: Codable, Sendable {
    struct Share: Codable, Sendable {
        var partner: String
        var name: String
        /// The contribution, as the dossiers print it (`5.300.000,00 درهم`).
        var amount: String
        /// Its share of the convention's total (`18,8 %`), or `—` without a total.
        var share: String
    }

    struct Dossier: Codable, Sendable {
        /// The dossier's id: its output path without extension (`convention`, `projects/P01`, `meetings/2016-12-08`).
        var id: String
        /// Its name for a reader, in Arabic.
        var label: String
    }

    var reference: String
    var title: String
    /// The total as on the convention dossier's first table: `28.250.000,00 درهم (28,25 مليون درهم)`.
    var total: String
    var projects: Int
    var partners: Int
    var shares: [Share]
    var dossiers: [Dossier]

    init(_ convention: Convention) {
        let format = MoroccanFormat()
        let info = convention.convention
        reference = info.reference
        title = info.title
        total = "\(format.money(info.totalAmount)) (\(format.millions(info.totalAmount)))"
        projects = convention.projects.count
        partners = convention.partners.count
        shares = convention.partners.map { partner in
            let amount = convention.contribution(of: partner.id)
            let share = info.totalAmount.centimes > 0
                ? format.percent(Decimal(amount.centimes) * 100 / Decimal(info.totalAmount.centimes)) : "—"
            return Share(partner: partner.id, name: partner.name, amount: format.money(amount), share: share)
        }
        // The same dossiers, in the same order and under the same names, as `dossier render` writes by default.
        var dossiers = [Dossier(id: "convention", label: "ملف الاتفاقية")]
        for project in convention.projects {
            dossiers.append(Dossier(id: "projects/" + FileName.sanitized(project.code), label: "بطاقة المشروع \(project.code): \(project.title)"))
        }
        for index in convention.meetings.indices {
            dossiers.append(Dossier(id: "meetings/" + convention.meetingFileName(at: index),
                                    label: "اجتماع تتبع الاتفاقية بتاريخ \(format.date(convention.meetings[index].date))"))
        }
        self.dossiers = dossiers
    }
}
