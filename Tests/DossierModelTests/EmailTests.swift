import DossierModel
import Foundation
import Testing

/// Issue 11, rule 7: contacts' addresses follow a simple rule that no header or extra recipient can hide in.
@Suite struct EmailTests {
    func problems(email: String) throws -> [String] {
        try Fixtures.loadMinimal(replacing: "    kind: agency\n", with: "    kind: agency\n    contacts: [{email: \(email)}]\n")
            .problems.map(\.description)
    }

    @Test(arguments: [
        ("'x,attacker@example.org'", "«,» is not allowed before the @ (letters, digits and .!#$%&'*+/=?^_`{|}~- are)"),
        ("'a>b@example.org'", "«>» is not allowed before the @ (letters, digits and .!#$%&'*+/=?^_`{|}~- are)"),
        ("'<a@example.org>'", "«<» is not allowed before the @ (letters, digits and .!#$%&'*+/=?^_`{|}~- are)"),
        ("'a b@example.org'", "« » is not allowed before the @ (letters, digits and .!#$%&'*+/=?^_`{|}~- are)"),
        ("\"a\\r\\nBcc: x@example.org\"", "«[U+000D]» is not allowed before the @ (letters, digits and .!#$%&'*+/=?^_`{|}~- are)"),
        ("'a;b@example.org'", "«;» is not allowed before the @ (letters, digits and .!#$%&'*+/=?^_`{|}~- are)"),
        ("'\"a\"@example.org'", "«\"» is not allowed before the @ (letters, digits and .!#$%&'*+/=?^_`{|}~- are)"),
        ("'a@b@example.org'", "an email address has exactly one @"),
        ("'a@example.org,b@example.org'", "an email address has exactly one @"),
        ("a.example.org", "an email address has exactly one @"),
        ("'a@exa mple.org'", "« » is not allowed after the @ (letters, digits, hyphens and dots are)"),
        ("'a@example.org>'", "«>» is not allowed after the @ (letters, digits, hyphens and dots are)"),
        ("a@localhost", "the domain after the @ needs at least one dot, e.g. example.ma"),
        ("a@example..org", "each part of the domain between dots needs letters or digits, with no hyphen at its ends"),
        ("a@-example.org", "each part of the domain between dots needs letters or digits, with no hyphen at its ends"),
        ("'.a@example.org'", "the name before the @ may not start or end with a dot, nor have two dots in a row"),
        ("'@example.org'", "the name before the @ is missing"),
        ("'bé@example.org'", "«é» is not allowed before the @ (letters, digits and .!#$%&'*+/=?^_`{|}~- are)"),
    ])
    func unsafeAddressesAreRefusedWithTheirPath(email: String, reason: String) throws {
        let lines = try problems(email: email)
        #expect(lines.count == 1 && lines[0].hasPrefix("minimal.yaml:15:17: error: partners[1].contacts[0].email: «")
                && lines[0].hasSuffix("» is not an email address (name@domain.ma): \(reason)"), "\(lines)")
    }

    @Test(arguments: ["a@example.org", "commune.taounate@example.org", "x+tag@sub-domain.example.ma", "o'brien@example.org",
                      "A1!#$%&*/=?^_`{|}~-z@a1.b2.example.org"])
    func ordinaryAddressesAreAccepted(email: String) throws {
        #expect(try problems(email: "\"\(email)\"").isEmpty)
    }
}
