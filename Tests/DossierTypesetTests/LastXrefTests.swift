@testable import DossierArchive
import Foundation
import Testing

/// Where a file's last cross-reference section starts (`IncrementalUpdate.lastXref`), read from its last bytes: what
/// the finishing and a signature's update start from. A wrong offset would chain an update to the wrong section.
@Suite struct LastXrefTests {
    static func offset(_ tail: String) -> Int? { IncrementalUpdate.lastXref(Data(tail.utf8)) }

    @Test func readsTheOffsetWhateverTheLineEndings() {
        #expect(Self.offset("endobj\nxref\n0 1\ntrailer\n<< >>\nstartxref\n1234\n%%EOF\n") == 1234)
        #expect(Self.offset("trailer << >>\r\nstartxref\r\n98765\r\n%%EOF\r\n") == 98765)
        #expect(Self.offset("startxref\n7\n%%EOF") == 7, "no line ending after %%EOF")
        #expect(Self.offset("startxref 42 %%EOF  \n\n") == 42, "spaces and blank lines at the end")
    }

    @Test func takesTheLastOfSeveralSections() {
        #expect(Self.offset("startxref\n10\n%%EOF\nupdate\nstartxref\n2000\n%%EOF\n") == 2000)
    }

    /// Only the last 64 bytes are read: a file ending otherwise is not one this code wrote or can extend.
    @Test func refusesWhatDoesNotEndTheFile() {
        #expect(Self.offset("startxref\n1234\n%%EOF\ntrailing garbage") == nil, "bytes after %%EOF")
        #expect(Self.offset("startxref\n\n%%EOF\n") == nil, "no offset")
        #expect(Self.offset("startxref\n12a4\n%%EOF\n") == nil, "not a number")
        #expect(Self.offset("startxref1234\n%%EOF\n") == nil, "no white space after the keyword")
        #expect(Self.offset("xref\n1234\n%%EOF\n") == nil, "no keyword")
        #expect(Self.offset("") == nil)
        #expect(Self.offset("startxref\n1234\n") == nil, "no %%EOF")
        #expect(IncrementalUpdate.lastXref(Data(("startxref\n5\n%%EOF\n" + String(repeating: " ", count: 60)).utf8)) == nil,
                "the keyword more than 64 bytes before the end")
    }
}
