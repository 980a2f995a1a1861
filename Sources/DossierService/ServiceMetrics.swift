import Foundation
import Metrics
import Prometheus

/// The service's metrics (swift-metrics, exported by swift-prometheus at `GET /metrics`).
///
/// Route labels come from a fixed list, so that no path a client invents becomes a new time series.
struct ServiceMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let queueDepth: Metrics.Gauge
    let inFlight: Metrics.Gauge
    let pages: Metrics.Counter
    let workerRestarts: Metrics.Counter

    /// Installs the Prometheus backend for the whole process (swift-metrics allows this once).
    static func bootstrap() -> ServiceMetrics {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Renders take from tens of milliseconds (a draft project sheet) to minutes (a 2000-page convention).
        factory.defaultDurationHistogramBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120].map { Duration.milliseconds(Int64($0 * 1000)) }
        MetricsSystem.bootstrap(factory)
        return ServiceMetrics(registry: registry,
                              queueDepth: Metrics.Gauge(label: "dossier_queue_depth"),
                              inFlight: Metrics.Gauge(label: "dossier_renders_in_flight"),
                              pages: Metrics.Counter(label: "dossier_pages_rendered_total"),
                              workerRestarts: Metrics.Counter(label: "dossier_worker_restarts_total"))
    }

    /// Counts a finished request by route (as registered, or `other`: `RequestLog.route`) and status.
    func request(route: String, status: Int) {
        Metrics.Counter(label: "dossier_http_requests_total", dimensions: [("route", route), ("status", String(status))]).increment()
    }

    /// Records how long a render took in its child, by outcome (`ok`, `invalid`, `error`, `timeout`, `crash`).
    func renderDuration(_ duration: Duration, outcome: String) {
        Metrics.Timer(label: "dossier_render_duration_seconds", dimensions: [("outcome", outcome)]).recordNanoseconds(
            duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// The Prometheus text exposition.
    func text() -> String { registry.emitToString() }
}
