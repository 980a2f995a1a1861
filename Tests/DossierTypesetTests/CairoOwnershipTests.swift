import DossierArchive
import DossierFrames
import DossierRender
import Foundation
import Testing

/// Cairo objects are checked when they are made: a failure is an error naming the file, never a crash and
/// never a blank page, and nothing is left at the output path.
@Suite struct CairoOwnershipTests {
    private func document(_ items: [FrameItem], size: Size = .a4) -> LaidOutDocument {
        LaidOutDocument(pages: [Page(size: size, items: items)], bookmarks: [], info: DocumentInfo(title: "t"))
    }

    @Test func anImageThatNoLongerDecodesIsAnErrorNotABlank() throws {
        let folder = try Support.scratch("cairo-owners-image")
        let image = folder.appendingPathComponent("logo.png")
        try Data("not a png at all".utf8).write(to: image)
        let pdf = folder.appendingPathComponent("out.pdf")
        let page = document([.image(file: image.path, rect: Rect(x: 10, y: 10, width: 50, height: 50))])
        do {
            try PDFRenderer().render(page, to: pdf)
            Issue.record("rule: an undecodable image must stop the render (it was drawn as nothing)")
        } catch let error as RenderError {
            #expect(error.description.contains("logo.png") && error.description.contains("not a readable PNG"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: pdf.path), "rule: nothing is left after a failed render")
        do {
            try PNGRenderer().render(page.pages[0], to: folder.appendingPathComponent("out.png"))
            Issue.record("rule: an undecodable image must stop the PNG render too")
        } catch let error as RenderError {
            #expect(error.description.contains("logo.png"), "\(error)")
        }
    }

    @Test func anImpossibleSurfaceIsAnErrorAtBirth() throws {
        let folder = try Support.scratch("cairo-owners-size")
        let png = folder.appendingPathComponent("huge.png")
        // Cairo's image surfaces stop at 32767 pixels a side: its constructor returns an error object.
        let page = Page(size: Size(width: 40000, height: 100), items: [])
        do {
            try PNGRenderer(scale: 1).render(page, to: png)
            Issue.record("rule: a surface Cairo refuses must be reported when it is made")
        } catch let error as RenderError {
            #expect(error.description.contains("huge.png") && error.description.contains("size"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: png.path))
    }

    @Test func comparingWithAnUnreadableImageThrowsNamingIt() throws {
        let folder = try Support.scratch("cairo-owners-compare")
        let good = folder.appendingPathComponent("good.png"), bad = folder.appendingPathComponent("bad.png")
        try PNGRenderer().render(Page(size: Size(width: 20, height: 20), items: []), to: good)
        try Data([0x89, 0x50]).write(to: bad)
        #expect(throws: RenderError.io(file: bad.path, reason: "not a readable PNG")) { try PNGCompare.compare(good, bad) }
        #expect(try PNGCompare.compare(good, good).differingFraction == 0)
    }
}

/// The finishing step pairs figures with their alternative texts by position: a mismatch must stop it.
@Suite struct FigurePairingTests {
    @Test func moreAlternativeTextsThanFiguresStopsTheFinishing() throws {
        let folder = try Support.scratch("figure-pairing")
        let drawn = folder.appendingPathComponent("drawn.pdf"), finished = folder.appendingPathComponent("finished.pdf")
        let figure: [FrameItem] = [
            .tag(.begin(role: "Figure", alt: "مخطط")),
            .rect(Rect(x: 10, y: 10, width: 40, height: 40), Paint(fill: .black)), .tag(.end(role: "Figure")),
        ]
        let laidOut = LaidOutDocument(pages: [Page(size: .a4, items: figure)], bookmarks: [], info: DocumentInfo(title: "t"))
        try PDFRenderer().render(laidOut, to: drawn)
        var settings = ArchiveSettings(for: laidOut)
        #expect(settings.figureAlternatives == ["مخطط"])
        try PDFFinisher.finish(drawn, into: finished, settings: settings)
        settings.figureAlternatives.append("وصف زائد")
        try? FileManager.default.removeItem(at: finished)
        do {
            try PDFFinisher.finish(drawn, into: finished, settings: settings)
            Issue.record("rule: figures and alternative texts must pair one to one, or the finishing fails")
        } catch let error as ArchiveError {
            #expect(error.description.contains("1 figures but 2 alternative texts"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: finished.path))
    }
}
