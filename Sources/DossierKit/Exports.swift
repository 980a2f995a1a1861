// What a caller of the facade names comes with `import DossierKit`.
//
// The convention's data model (Convention, Project, Partner, Day, Money, Problem, ConventionLoader…) is the
// facade's vocabulary: a caller builds or loads a convention and reads its problems in these types, so the
// model module is re-exported whole rather than wrapped type by type. The other stages (templates, text,
// layout, rendering, finishing) stay behind the facade.
@_exported import DossierModel

import DossierFiles
import DossierMail
import DossierRender
import DossierSignature

// The few types of the other stages that a caller hands to the facade or gets from it, named here so that
// `import DossierKit` is the only import a caller (the command line among them) needs.

/// Writes a file atomically: a scratch name, then one rename (see `DossierFiles`).
public typealias OutputFile = DossierFiles.OutputFile
/// A mail address with an optional display name.
public typealias Mailbox = DossierMail.Mailbox
/// Checks on a mail address (`MailAddress.problem(_:)`).
public typealias MailAddress = DossierMail.MailAddress
/// TLS for SMTP: none, optional (STARTTLS when offered) or required.
public typealias SMTPSecurity = DossierMail.SMTPSecurity
/// The From: and To: addresses of a saved message.
public typealias MessageEnvelope = DossierMail.MessageEnvelope
/// A signer's key, certificate and chain, read from PEM.
public typealias SigningIdentity = DossierSignature.SigningIdentity
/// An RFC 3161 time-stamping authority, reached over HTTP.
public typealias TimestampClient = DossierSignature.TimestampClient
/// Why a dossier could not be signed.
public typealias SignatureError = DossierSignature.SignatureError
/// The name a certificate gives its holder (in Arabic when it is).
public typealias SignerName = DossierSignature.SignerName

/// What a program embedding DossierKit does once, first thing in `main`, before it starts any thread.
public enum DossierProcess {
    /// Sets `CAIRO_DEBUG_PDF` in the environment, which has Cairo leave page contents uncompressed for the
    /// finishing step to edit and compress once (Benchmarks/README.md, "third round"). Without this call it is set
    /// when the first PDF is drawn, possibly while other threads read the environment. It stays set: Cairo PDFs the
    /// program draws itself, and those of its child processes, have plain page contents too.
    public static func prepare() { CairoPDFStreams.setUp() }
}
