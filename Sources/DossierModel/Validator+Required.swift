/// Required texts that are empty. A data file's reader reports them as it reads (and leaves them unread, so they
/// are not judged twice here); a convention built in code has no reader, and this is where its empty required
/// fields are caught, with the same message.
extension Validator {
    func checkRequiredTexts(_ c: Convention) {
        var fields: [(String, String)] = [
            ("convention.reference", c.convention.reference), ("convention.title", c.convention.title),
            ("convention.programme", c.convention.programme), ("convention.province", c.convention.province),
        ]
        for (i, partner) in c.partners.enumerated() {
            fields += [("partners[\(i)].id", partner.id), ("partners[\(i)].name", partner.name)]
            for (j, contact) in partner.contacts.enumerated() { fields.append(("partners[\(i)].contacts[\(j)].email", contact.email)) }
        }
        for (i, project) in c.projects.enumerated() {
            fields += [("projects[\(i)].code", project.code), ("projects[\(i)].title", project.title)]
            for (j, location) in project.locations.enumerated() { fields.append(("projects[\(i)].locations[\(j)].commune", location.commune)) }
            for (j, line) in project.financing.enumerated() { fields.append(("projects[\(i)].financing[\(j)].partner", line.partner)) }
            for (j, milestone) in project.milestones.enumerated() { fields.append(("projects[\(i)].milestones[\(j)].label", milestone.label)) }
        }
        for (i, meeting) in c.meetings.enumerated() { fields.append(("meetings[\(i)].place", meeting.place)) }
        for (path, text) in fields where log.wasRead(path) && text.allSatisfy(\.isWhitespace) {
            let key = path.split(separator: ".").last.map(String.init) ?? path
            log.unreadable(path, "required field «\(key)» is empty; expected text")
        }
    }
}
