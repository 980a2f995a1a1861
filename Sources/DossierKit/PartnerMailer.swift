import DossierFiles
import DossierMail
import DossierModel
import Foundation

/// One message written by `PartnerMailer`.
public struct WrittenMessage: Sendable {
    public var file: URL
    public var partner: Partner
    public var to: Mailbox
    public var attachmentBytes: Int
}

/// Builds the partners' messages: each contact of each partner gets its partner's cover letter, the
/// convention dossier and the dossiers of the projects the partner finances.
public struct PartnerMailer {
    public let batch: DossierBatch
    public let from: Mailbox

    public init(batch: DossierBatch, from: Mailbox) {
        self.batch = batch
        self.from = from
    }

    /// Renders the dossiers the messages carry into `folder/dossiers`, then writes one `.eml` per contact
    /// into `folder`. Returns the messages in partner order.
    public func writeMessages(folder: URL, date: Day, workers: Int,
                              progress: @escaping @Sendable (String) -> Void) throws -> [WrittenMessage] {
        let dossiers = folder.appendingPathComponent("dossiers")
        let jobs = try batch.jobs([.convention, .projects, .partners])
        try batch.renderAll(jobs, options: RenderOptions(date: date), folder: dossiers, workers: workers) { done, _, files in
            for file in files { progress("[\(done)/\(jobs.count)] rendered dossiers/\(file.url.pathComponents.suffix(2).joined(separator: "/"))") }
        }
        var written: [WrittenMessage] = []
        let convention = batch.convention
        for partner in convention.partners where !partner.contacts.isEmpty {
            let attachments = try self.attachments(for: partner, in: dossiers)
            for (index, contact) in partner.contacts.enumerated() {
                let to = Mailbox(address: contact.email, name: contact.name ?? partner.name)
                let message = MIMEMessage(
                    from: from, to: to,
                    subject: "ملفات الاتفاقية \(convention.convention.reference): \(convention.convention.title)",
                    body: body(for: partner, contact: contact, attachments: attachments), attachments: attachments,
                    date: date.description, identifier: "\(batch.fingerprint).\(partner.id).\(index + 1)")
                let file = folder.appendingPathComponent("\(FileName.sanitized(partner.id))-\(index + 1).eml")
                try OutputFile.write(message.rendered(), to: file)
                written.append(WrittenMessage(file: file, partner: partner, to: to, attachmentBytes: message.attachmentBytes))
            }
        }
        return written
    }

    /// The partner's letter, the convention dossier, and the project dossiers it finances.
    func attachments(for partner: Partner, in dossiers: URL) throws -> [MailAttachment] {
        // Each attachment is named in Arabic for the reader, with an ASCII name for older mail clients.
        func pdf(_ stem: String, as name: String, ascii: String) throws -> MailAttachment {
            MailAttachment(fileName: name, asciiName: ascii, data: try Data(contentsOf: dossiers.appendingPathComponent(stem + ".pdf")))
        }
        let reference = FileName.sanitized(batch.convention.convention.reference)
        var list = [try pdf(DossierBatch.Job.partner(partner).stem, as: "رسالة إلى \(partner.shortName ?? partner.name).pdf",
                            ascii: "letter-\(FileName.sanitized(partner.id)).pdf"),
                    try pdf("convention", as: "ملف الاتفاقية \(reference).pdf", ascii: "convention.pdf")]
        for project in batch.convention.projects where project.financing.contains(where: { $0.partner == partner.id }) {
            let stem = DossierBatch.Job.project(project).stem
            list.append(try pdf(stem, as: "بطاقة المشروع \(FileName.sanitized(project.code)).pdf",
                                ascii: "project-\(FileName.sanitized(project.code)).pdf"))
        }
        return list
    }

    func body(for partner: Partner, contact: Contact, attachments: [MailAttachment]) -> String {
        let c = batch.convention.convention
        let format = MoroccanFormat()
        return """
            \(contact.name ?? partner.name)،

            تحية طيبة، وبعد،

            تجدون رفقته ملفات الاتفاقية «\(c.title)» (\(c.reference))، التي تساهمون فيها بمبلغ \
            \(format.money(batch.convention.contribution(of: partner.id))):

            \(attachments.map { "- " + $0.fileName }.joined(separator: "\n"))

            كل ملف يحمل في تذييله البصمة \(batch.fingerprint) ومعطياته مرفقة به، ويمكن التحقق منه بالأمر:
            dossier verify FILE.pdf

            وتفضلوا بقبول فائق التقدير والاحترام.
            عمالة \(c.province)

            """
    }
}
