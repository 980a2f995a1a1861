import Foundation

/// Named places where a test can make output fail on purpose, to check that nothing partial is left:
/// `DOSSIER_TEST_FAIL_AT=<name>` in the environment makes `check(name)` throw. The names are
/// `cairo-page` (after Cairo drew the first page), `finishing` (after the finished PDF was written to its
/// scratch file), `before-rename` (a file is complete but not yet in place) and `commit` (a batch is about to
/// put its files in place). Unset, as in any real run, `check` does nothing.
public enum FailurePoint {
    static let armed = ProcessInfo.processInfo.environment["DOSSIER_TEST_FAIL_AT"]

    /// Throws when the environment names `name`.
    public static func check(_ name: String) throws {
        if armed == name { throw OutputError(file: name, reason: "failure injected by DOSSIER_TEST_FAIL_AT (a test)") }
    }
}
