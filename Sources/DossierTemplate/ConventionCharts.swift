import DossierContent
import DossierModel
import Foundation

/// The budget charts of a convention, as chart blocks for the layout engine.
public struct ConventionCharts {
    public let convention: Convention
    public let format: MoroccanFormat
    public let direction: Direction

    public init(convention: Convention, numerals: Numerals = .latn, direction: Direction = .rtl) {
        self.convention = convention
        self.format = MoroccanFormat(numerals: numerals)
        self.direction = direction
    }

    var digits: DigitStyle { format.numerals == .arab ? .arab : .latn }

    /// An alternative text listing the values: all of them for an ordinary chart, the first twelve and a
    /// count for a chart of a large programme (a figure's text is repeated on every page it runs over).
    static func describe(_ lead: String, _ items: [String]) -> String {
        let shown = items.prefix(12).joined(separator: "؛ ")
        let rest = items.count > 12 ? "؛ … و\(items.count - 12) أخرى" : ""
        return lead + ": " + shown + rest
    }
    static let millionUnit = "مليون درهم"

    /// Millions of dirhams as a double, for geometry only (labels use the exact amounts).
    static func millions(_ m: Money) -> Double { Double(m.centimes) / 100_000_000 }

    /// Amount per project.
    public func budgetBars(title: String? = "كلفة المشاريع", projects scope: [Project]? = nil) -> ChartBlock {
        let projects = scope ?? convention.projects
        return ChartBlock(kind: .bars, title: title, categories: projects.map(\.title),
                          series: [ChartSeries(name: "الكلفة", values: projects.map { Self.millions($0.amount) })],
                          valueLabels: projects.map { format.millionsNumber($0.amount) }, unit: Self.millionUnit,
                          direction: direction, digits: digits,
                          altText: Self.describe("كلفة كل مشروع بمليون درهم", projects.map { "\($0.title) \(format.millionsNumber($0.amount))" }))
    }

    /// Partners contributing to `projects`, in the order of the partner list.
    func contributors(_ projects: [Project]) -> [Partner] {
        let ids = Set(projects.flatMap(\.financing).map(\.partner))
        return convention.partners.filter { ids.contains($0.id) }
    }

    func displayName(_ partner: Partner) -> String { partner.shortName ?? partner.name }

    /// Each project's financing split by partner.
    public func financingStacked(title: String? = "تمويل المشاريع حسب الشركاء", projects scope: [Project]? = nil) -> ChartBlock {
        let projects = scope ?? convention.projects
        let partners = contributors(projects)
        let series = partners.map { partner in
            ChartSeries(name: displayName(partner), values: projects.map { project in
                Self.millions(project.contribution(of: partner.id))
            })
        }
        return ChartBlock(kind: .stackedBars, title: title, categories: projects.map(\.title), series: series,
                          valueLabels: projects.map { format.millionsNumber($0.financedTotal) }, unit: Self.millionUnit,
                          direction: direction, digits: digits,
                          altText: "توزيع تمويل كل مشروع بين الشركاء، بمليون درهم.")
    }

    /// Each partner's share of the convention (or of the given projects).
    public func partnerShares(title: String? = "حصة كل شريك", projects: [Project]? = nil) -> ChartBlock {
        let scope = projects ?? convention.projects
        let partners = contributors(scope)
        let amounts = partners.map { partner in
            scope.reduce(Money.zero) { $0 + $1.contribution(of: partner.id) }
        }
        return ChartBlock(kind: .donut, title: title, categories: partners.map(displayName),
                          series: [ChartSeries(name: "المساهمة", values: amounts.map(Self.millions))],
                          valueLabels: amounts.map { format.millions($0) }, direction: direction, digits: digits,
                          altText: Self.describe("حصص الشركاء", zip(partners, amounts).map { "\(displayName($0)) \(format.millions($1))" }))
    }

    /// One partner's contribution to each project it finances.
    public func partnerContributions(partnerID: String, title: String? = "مساهمة الشريك حسب المشروع") -> ChartBlock {
        let lines = convention.projects.compactMap { project -> (Project, Money)? in
            let amount = project.contribution(of: partnerID)
            return amount == .zero ? nil : (project, amount)
        }
        return ChartBlock(kind: .bars, title: title, categories: lines.map { $0.0.title },
                          series: [ChartSeries(name: "المساهمة", values: lines.map { Self.millions($0.1) })],
                          valueLabels: lines.map { format.millionsNumber($0.1) }, unit: Self.millionUnit,
                          direction: direction, digits: digits,
                          altText: Self.describe("مساهمة الشريك في كل مشروع بمليون درهم", lines.map { "\($0.0.title) \(format.millionsNumber($0.1))" }))
    }

    /// Amount, committed and disbursed per project.
    public func financialProgress(title: String? = "الالتزام والأداء حسب المشروع", projects: [Project]? = nil) -> ChartBlock {
        let scope = projects ?? convention.projects
        return ChartBlock(kind: .progress, title: title, categories: scope.map(\.title), series: [
            ChartSeries(name: "الكلفة", values: scope.map { Self.millions($0.amount) }),
            ChartSeries(name: "المبالغ الملتزم بها", values: scope.map { Self.millions($0.progress?.committed ?? .zero) }),
            ChartSeries(name: "المبالغ المؤداة", values: scope.map { Self.millions($0.progress?.disbursed ?? .zero) }),
        ], valueLabels: scope.map { project in
            "\(format.millionsNumber(project.progress?.disbursed ?? .zero)) / \(format.millionsNumber(project.amount))"
        }, unit: Self.millionUnit, direction: direction, digits: digits,
           altText: "المبالغ الملتزم بها والمؤداة مقارنة بكلفة كل مشروع، بمليون درهم.")
    }

    /// Physical progress (%) per project.
    public func physicalProgress(title: String? = "نسبة الإنجاز المادي", projects: [Project]? = nil) -> ChartBlock {
        let scope = projects ?? convention.projects
        let values = scope.map { project -> Double in
            (project.progress?.physical).map { NSDecimalNumber(decimal: $0).doubleValue } ?? 0
        }
        return ChartBlock(kind: .progress, title: title, categories: scope.map(\.title),
                          series: [ChartSeries(name: "الإنجاز المادي", values: values)],
                          valueLabels: scope.map { format.percent($0.progress?.physical ?? 0) }, unit: "%", maxValue: 100,
                          direction: direction, digits: digits,
                          altText: Self.describe("نسبة الإنجاز المادي لكل مشروع", zip(scope, values).map { "\($0.title) \(Int($1)) %" }))
    }
}
