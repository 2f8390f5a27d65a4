import Foundation

/// One run of a fetch scenario, and the line `make bench` prints for several: each column
/// the median of its runs (so a line's figures may come from different runs), the counts
/// exact in every run or the line says which runs were not.
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
    /// Why a run did not end well (exit status, failed accounts); empty when it did.
    var failures: [String]
    var snapshotMB: Double?
    /// `curl`'s CPU for the same pages in the same run, for the bulk baseline.
    var curlCPU: Double?

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// The median of each figure over `runs`; the ratio to curl is the median of each run's own.
    static func median(of runs: [Measurement]) -> Measurement {
        func of(_ figure: (Measurement) -> Double) -> Double { median(runs.map(figure)) }
        var result = Measurement(
            fetch: of(\.fetch), bound: of(\.bound), requests: of(\.requests), rateLimited: of(\.rateLimited),
            cpu: of(\.cpu), peakRSS: of(\.peakRSS), wall: of(\.wall),
            failures: runs.enumerated().flatMap { run in run.element.failures.map { "run \(run.offset + 1): \($0)" } },
            snapshotMB: runs.compactMap(\.snapshotMB).isEmpty ? nil : median(runs.compactMap(\.snapshotMB)),
            curlCPU: runs.compactMap(\.curlCPU).isEmpty ? nil : median(runs.compactMap(\.curlCPU)))
        result.curlRatio =
            runs.compactMap { run in run.curlCPU.map { run.cpu / $0 } }.isEmpty
            ? nil : median(runs.compactMap { run in run.curlCPU.map { run.cpu / $0 } })
        result.ratios = (
            of { $0.bound > 0 ? $0.fetch / $0.bound : .nan }, of { $0.bound > 0 ? $0.wall / $0.bound : .nan }
        )
        result.ranges = (
            runs.map(\.wall).min() ?? 0, runs.map(\.wall).max() ?? 0, runs.map(\.cpu).min() ?? 0,
            runs.map(\.cpu).max() ?? 0
        )
        result.runs = runs.count
        return result
    }

    var curlRatio: Double?
    var ratios: (fetch: Double, process: Double)?
    var ranges: (wallLow: Double, wallHigh: Double, cpuLow: Double, cpuHigh: Double)?
    var runs = 1

    /// The printed line: the columns of BENCHMARKS.md, then the ranges over the runs.
    func line(_ name: String) -> String {
        let (fetchRatio, processRatio) = ratios ?? (bound > 0 ? fetch / bound : .nan, bound > 0 ? wall / bound : .nan)
        var text = name.padding(toLength: 14, withPad: " ", startingAt: 0)
        text += String(format: " %6.2f  %7.2f  ", fetch, bound)
        text += bound > 0 ? String(format: "%5.3f", fetchRatio) : "  n/a"
        text += String(
            format: "  %8.0f  %4.0f  %5.2f  %11.1f  %7.2f", requests, rateLimited, cpu, peakRSS, max(0, wall - fetch))
        text += bound > 0 ? String(format: "  %10.3f", processRatio) : "         n/a"
        if let snapshotMB { text += String(format: "  snapshot %.1f MB", snapshotMB) }
        if let curlCPU {
            text += String(format: "  curl cpu_s %.2f (client/curl %.2f)", curlCPU, curlRatio ?? cpu / curlCPU)
        }
        if let ranges, runs > 1 {
            text += String(
                format: "  [%d runs: wall %.2f–%.2f s, cpu %.2f–%.2f s]", runs, ranges.wallLow, ranges.wallHigh,
                ranges.cpuLow, ranges.cpuHigh)
        }
        if !failures.isEmpty { text += "  (" + failures.joined(separator: "; ") + ")" }
        return text
    }
}
