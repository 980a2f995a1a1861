/// Project codes and partner ids: unique, and unique again once made into file names, so that no dossier
/// overwrites another and no partner's letter or messages are written over another partner's.
extension Validator {
    func checkIdentifiers(_ c: Convention) {
        let codes = c.projects.indices.map { ("projects[\($0)].code", c.projects[$0].code) }
        checkUnique(codes, what: "project code")
        checkFileNames(codes, what: "project code", example: "P01", consequence: "one project's dossier would overwrite the other's")
        let ids = c.partners.indices.map { ("partners[\($0)].id", c.partners[$0].id) }
        checkUnique(ids, what: "partner id")
        checkFileNames(ids, what: "partner id", example: "indh",
                       consequence: "one partner's letter and messages would overwrite the other's")
    }

    /// Each value gives a non-empty file name (`FileName.sanitized`) that no other value gives, ignoring case.
    /// The same value twice is left to `checkUnique`.
    private func checkFileNames(_ values: [(path: String, value: String)], what: String, example: String, consequence: String) {
        var seen: [String: (path: String, value: String)] = [:]
        for (path, value) in values where log.wasRead(path) {
            let fileName = FileName.sanitized(value)
            guard !fileName.isEmpty else {
                log.error(path, "«\(shown(value))» gives no file name: a \(what) needs at least one Latin letter or digit "
                          + "(A–Z, a–z, 0–9), e.g. \(example)")
                continue
            }
            if FileName.isReservedOnWindows(fileName) {
                log.error(path, "«\(shown(value))» is a name Windows keeps for devices (\(fileName).pdf cannot be opened on a Windows "
                          + "computer or share, where partners read the dossiers); change the \(what), e.g. \(example)")
                continue
            }
            guard let first = seen[fileName.lowercased()] else {
                seen[fileName.lowercased()] = (path, value)
                continue
            }
            if first.value != value {
                log.error(path, "\(what) «\(shown(value))» gives the same file name «\(fileName)» as «\(shown(first.value))» "
                          + "(\(first.path), \(log.location(of: first.path))): file names keep only Latin letters, digits, "
                          + "- _ and . and ignore case, so \(consequence); change one of them")
            }
        }
    }
}
