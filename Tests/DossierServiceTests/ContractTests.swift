import DossierTestSupport
import Foundation
import Testing
import Yams

/// The documents other systems rely on: docs/openapi.yaml against the running service (schemathesis), and
/// the Kubernetes and Slurm examples of docs/scale-out.md (syntax and the fields a Job needs; no cluster).
@Suite(.serialized) struct ContractTests {
    static let venv = Dossier.repoRoot.appendingPathComponent(".venv/bin")
    static var hasSchemathesis: Bool { FileManager.default.isExecutableFile(atPath: venv.appendingPathComponent("schemathesis").path) }

    @Test(.enabled(if: hasSchemathesis, "schemathesis is not in .venv: run scripts/setup.sh (make test does) to check the service against docs/openapi.yaml"))
    func theServiceKeepsItsOpenAPIContract() throws {
        let service = try ServiceProcess(["--workers", "2", "--queue", "32", "--timeout", "30", "--max-body", "65536"])
        defer { service.stop() }
        // A bounded run: a fixed seed, a few examples per operation, the checks the document promises.
        let result = try TestTools.run(Self.venv.appendingPathComponent("schemathesis").path, [
            "run", Dossier.repoRoot.appendingPathComponent("docs/openapi.yaml").path, "--url", service.base,
            "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance",
            "--phases", "examples,coverage,fuzzing", "--max-examples", "12", "--seed", "16",
            // One worker: with two, CPython 3.11 sometimes fails compiling schemathesis's generators on two threads at once
            // ("AST constructor recursion depth mismatch"), an error of the tool, not of the service.
            "--workers", "1",
            "--request-timeout", "40", "--no-color",
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("/v1/render") && result.output.contains("/v1/validate"), "\(result.output)")
    }

    /// The fenced blocks of a language in a Markdown file.
    static func blocks(_ language: String, in file: String) throws -> [String] {
        let text = try String(contentsOf: Dossier.repoRoot.appendingPathComponent(file), encoding: .utf8)
        var blocks: [String] = [], current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```\(language)" { current = [] }
            else if current != nil, line == "```" { blocks.append(current!.joined(separator: "\n")); current = nil }
            else if current != nil { current!.append(line) }
        }
        return blocks
    }

    @Test func theScaleOutManifestsAreWellFormed() throws {
        let documents = try Self.blocks("yaml", in: "docs/scale-out.md").flatMap { try Array(Yams.load_all(yaml: $0)) }
            .compactMap { $0 as? [String: Any] }
        let job = try #require(documents.first { $0["kind"] as? String == "Job" })
        #expect(job["apiVersion"] as? String == "batch/v1")
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        #expect(spec["parallelism"] as? Int ?? 0 >= 1)
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(["Never", "OnFailure"].contains(pod["restartPolicy"] as? String ?? ""))
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        #expect(container["image"] is String && container["name"] is String)
        let command = ((container["command"] as? [String] ?? []) + (container["args"] as? [String] ?? [])).joined(separator: " ")
        #expect(command.contains("--shards \(completions)") && command.contains("JOB_COMPLETION_INDEX"), "\(command)")
        let mounts = (container["volumeMounts"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        let volumes = (pod["volumes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(!mounts.isEmpty && Set(mounts).isSubset(of: Set(volumes)))

        let deployment = try #require(documents.first { $0["kind"] as? String == "Deployment" })
        let serve = try #require((((deployment["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])?["containers"] as? [[String: Any]])
        #expect((serve.first?["args"] as? [String])?.first == "serve")
        #expect(((serve.first?["readinessProbe"] as? [String: Any])?["httpGet"] as? [String: Any])?["path"] as? String == "/ready")
        #expect(documents.contains { $0["kind"] as? String == "Service" })
    }

    @Test func theSlurmScriptIsValidBash() throws {
        let script = try #require(try Self.blocks("bash", in: "docs/scale-out.md").first { $0.contains("#SBATCH --array") })
        #expect(script.contains("--shards") && script.contains("SLURM_ARRAY_TASK_ID"))
        let file = try TestTools.scratch("slurm").appendingPathComponent("render.sbatch")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let check = try TestTools.run("bash", ["-n", file.path])
        #expect(check.status == 0, "\(check.output)")
        // A broken script does fail the check (the check can fail).
        try (script + "\nif then\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try TestTools.run("bash", ["-n", file.path]).status != 0)
    }
}
