import Foundation

/// One run of a fetch scenario.
struct Measurement {
    /// The fetch's wall time (report.json's `duration_seconds`) and its physical bound.
    var fetch: Double
    var bound: Double
    var requests: Double
    var rateLimited: Double
    /// The client process's CPU time and peak RSS.
    var cpu: Double
    var peakRSS: Double
    /// The whole process's wall time, start to exit.
    var wall: Double
    /// Why the run did not end well (exit status, failed accounts); empty when it did.
    var failures: [String]
    var snapshotMB: Double?
    /// `curl`'s CPU for the same pages in the same run, for the bulk baseline.
    var curlCPU: Double?
    /// The same pages through the client's HTTP stack alone (`TransportFloor`).
    var transportCPU: Double?

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// Several runs of a scenario as `make bench` prints them: each column the median of its
/// runs (so one line's figures may come from different runs), the ratios the medians of
/// each run's own ratio, the ranges of wall and CPU, and every run that did not end well.
struct Summary {
    var runs: [Measurement]

    private func median(_ figure: (Measurement) -> Double?) -> Double? {
        let values = runs.compactMap(figure)
        return values.isEmpty ? nil : Measurement.median(values)
    }

    func line(_ name: String) -> String {
        let m = { (figure: (Measurement) -> Double) in median(figure) ?? .nan }
        let bounded = m(\.bound) > 0
        var text = name.padding(toLength: 14, withPad: " ", startingAt: 0)
        text += String(format: " %6.2f  %7.2f  ", m(\.fetch), m(\.bound))
        text += bounded ? String(format: "%5.3f", m { $0.fetch / $0.bound }) : "  n/a"
        text += String(
            format: "  %8.0f  %4.0f  %5.2f  %11.1f  %7.2f", m(\.requests), m(\.rateLimited), m(\.cpu), m(\.peakRSS),
            m { max(0, $0.wall - $0.fetch) })
        text += bounded ? String(format: "  %10.3f", m { $0.wall / $0.bound }) : "         n/a"
        if let snapshot = median(\.snapshotMB) { text += String(format: "  snapshot %.1f MB", snapshot) }
        if let curl = median(\.curlCPU), let ratio = median({ run in run.curlCPU.map { run.cpu / $0 } }) {
            text += String(format: "  curl cpu_s %.2f (client/curl %.2f)", curl, ratio)
        }
        if let floor = median(\.transportCPU),
            let ratio = median({ run in run.curlCPU.flatMap { curl in run.transportCPU.map { $0 / curl } } })
        {
            text += String(format: "  transport alone cpu_s %.2f (transport/curl %.2f)", floor, ratio)
        }
        if runs.count > 1 {
            let walls = runs.map(\.wall)
            let cpus = runs.map(\.cpu)
            text += String(
                format: "  [%d runs: wall %.2f–%.2f s, cpu %.2f–%.2f s]", runs.count, walls.min() ?? 0,
                walls.max() ?? 0, cpus.min() ?? 0, cpus.max() ?? 0)
        }
        let failures = runs.enumerated().flatMap { run in run.element.failures.map { "run \(run.offset + 1): \($0)" } }
        if !failures.isEmpty { text += "  (" + failures.joined(separator: "; ") + ")" }
        return text
    }
}
