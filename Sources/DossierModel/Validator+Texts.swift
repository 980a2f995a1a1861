/// Every text the dossiers print can be drawn by their fonts, holds no control character, and is short
/// enough for where it is printed (`TextRule`).
extension Validator {
    func checkTexts(_ c: Convention) {
        for field in c.textFields where log.wasRead(field.path) {
            for problem in field.rule.problems(with: field.text) { log.error(field.path, problem) }
        }
        checkColumnHeadings(c)
        for (index, project) in c.projects.enumerated() where log.wasFullyRead("projects[\(index)].locations") {
            checkPlaces(project, at: "projects[\(index)]")
        }
    }

    /// A partner without a short name heads its column of the financing matrix with its name.
    private func checkColumnHeadings(_ c: Convention) {
        let limit = TextRule.columnHeading.maximumLength
        for (index, partner) in c.partners.enumerated() where partner.shortName == nil && partner.name.count > limit {
            log.error("partners[\(index)].name", "the name is \(partner.name.count) characters long and the partner has no "
                      + "short_name: it would head a narrow column of the financing matrix; give a short_name of at most \(limit) characters")
        }
    }

    /// A project's communes and douars share one table cell, which must fit on a page like any other.
    private func checkPlaces(_ project: Project, at path: String) {
        // As the dossiers print them: «douar، douar، commune؛ commune».
        let length = project.locations.map { ($0.douars + [$0.commune]).joined(separator: "، ") }.joined(separator: "؛ ").count
        let rule = TextRule.places
        if length > rule.maximumLength {
            log.error("\(path).locations", "the communes and douars of project \(name(of: project, at: path)) come to \(length) "
                      + "characters; at most \(rule.maximumLength) are allowed (\(rule.reason))")
        }
    }
}

/// A text of the convention with its field path and the rule it follows.
struct TextField {
    var path: String
    var text: String
    var rule: TextRule
}

extension Convention {
    /// Every text of the convention, with its path and rule; optional texts only when given. Email
    /// addresses follow their own, stricter rule (`EmailAddress`); financing lines' partner ids must match
    /// a partner's id.
    var textFields: [TextField] {
        var fields = conventionTextFields
        for (index, partner) in partners.enumerated() { fields += partner.textFields(at: "partners[\(index)]") }
        for (index, project) in projects.enumerated() { fields += project.textFields(at: "projects[\(index)]") }
        for (index, meeting) in meetings.enumerated() { fields += meeting.textFields(at: "meetings[\(index)]") }
        return fields
    }

    private var conventionTextFields: [TextField] {
        let c = convention, path = "convention"
        return [TextField(path: "\(path).reference", text: c.reference, rule: .reference),
                TextField(path: "\(path).title", text: c.title, rule: .cell),
                TextField(path: "\(path).programme", text: c.programme, rule: .header),
                TextField(path: "\(path).province", text: c.province, rule: .header)]
            + optional(c.axis, "\(path).axis", .cell) + optional(c.region, "\(path).region", .cell)
            + optional(c.note, "\(path).note", .paragraph) + items(c.illustrative, "\(path).illustrative", .cell)
            + optional(c.kind, "\(path).kind", .cell) + optional(c.sector, "\(path).sector", .cell)
            + optional(c.beneficiariesLabel, "\(path).beneficiaries_label", .cell)
    }
}

extension Partner {
    func textFields(at path: String) -> [TextField] {
        var fields = [TextField(path: "\(path).id", text: id, rule: .identifier), TextField(path: "\(path).name", text: name, rule: .cell)]
        fields += optional(nameFr, "\(path).name_fr", .cell) + optional(shortName, "\(path).short_name", .columnHeading)
        for (index, contact) in contacts.enumerated() {
            fields += optional(contact.name, "\(path).contacts[\(index)].name", .cell) + optional(contact.role, "\(path).contacts[\(index)].role", .cell)
        }
        return fields
    }
}

extension Project {
    func textFields(at path: String) -> [TextField] {
        var fields = [TextField(path: "\(path).code", text: code, rule: .identifier), TextField(path: "\(path).title", text: title, rule: .cell)]
        fields += optional(titleFr, "\(path).title_fr", .cell) + optional(implementingBody, "\(path).implementing_body", .cell)
            + optional(description, "\(path).description", .paragraph) + items(objectives, "\(path).objectives", .item)
        for (index, location) in locations.enumerated() {
            fields.append(TextField(path: "\(path).locations[\(index)].commune", text: location.commune, rule: .cell))
            fields += items(location.douars, "\(path).locations[\(index)].douars", .cell)
        }
        for (index, milestone) in milestones.enumerated() {
            fields.append(TextField(path: "\(path).milestones[\(index)].label", text: milestone.label, rule: .cell))
        }
        return fields
    }
}

extension Meeting {
    func textFields(at path: String) -> [TextField] {
        [TextField(path: "\(path).place", text: place, rule: .cell)] + optional(chair, "\(path).chair", .cell)
            + items(attendees, "\(path).attendees", .item) + items(agenda, "\(path).agenda", .item)
            + items(decisions, "\(path).decisions", .item)
    }
}

/// The text when given.
private func optional(_ text: String?, _ path: String, _ rule: TextRule) -> [TextField] {
    text.map { [TextField(path: path, text: $0, rule: rule)] } ?? []
}

/// Each text of a list, at `path[index]`.
private func items(_ texts: [String], _ path: String, _ rule: TextRule) -> [TextField] {
    texts.enumerated().map { TextField(path: "\(path)[\($0.offset)]", text: $0.element, rule: rule) }
}
