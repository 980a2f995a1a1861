import DossierKit
import Foundation

/// The messages between the server and its render child (`dossier worker`): one JSON object per line,
/// requests on the child's standard input, replies on its standard output.
///
/// Nothing a client sends becomes a path: the server writes the upload under fixed names in a private
/// folder it made, and names that folder here.
enum WorkerMessage {
    /// What the server asks.
    struct Request: Codable, Sendable {
        /// The data file (`convention.yaml` or `convention.json` in the request's private folder).
        var data: String
        /// How the data file is named in problems.
        var display: String
        /// The folder the dossiers are rendered into (empty, inside the request's folder).
        var out: String
        /// The file the result is written to: the PDF, or the zip of every dossier.
        var result: String
        /// `--only` values; empty for the CLI's default (convention, projects, meetings).
        var only: [String]
        var date: String
        var draft: Bool
        /// `pdf`: exactly one dossier, copied to `result`; `zip`: every dossier, zipped; nil: pdf for one, zip for more.
        var format: String?
        /// For the web page (nil for `POST /v1/render`): `dossier` renders the one dossier `stem` to `result` as a
        /// PDF; `pages` draws the pages `pages` of `stem` as `<n>.png` into `out`; `packets` writes the partners'
        /// messages and zips the `.eml` files to `result`.
        var kind: String? = nil
        /// A dossier's output path without extension (`convention`, `projects/P01`), from the server's own list of
        /// the convention's dossiers; the child renders it only if the checked data has it.
        var stem: String? = nil
        /// Page numbers (from 1) for `pages`.
        var pages: [Int]? = nil
    }

    /// What the child answers.
    struct Reply: Codable, Sendable {
        /// `ready` (first line, fonts and layouts loaded), `ok`, `invalid` (422) or `error` (500).
        var status: String
        var format: String?
        var pages: Int?
        var dossiers: Int?
        /// For `invalid` and `error`: what is wrong. No convention content beyond the located problems.
        var message: String?
        var problems: [Problem]?
    }

}
