import Foundation

/// report.html's charts as SVG: the geometry of each chart from the view's numbers, drawn
/// by the `chart` template (which escapes every label). Each chart carries a title and a
/// description, and its figure the table of the numbers it draws; bars are labelled with
/// their numbers, so colour is never the only signal.
enum HTMLCharts {
    struct Chart {
        struct Rect {
            let x, y, width, height: String
            let kind: String
        }
        struct Line {
            let x1, y1, x2, y2: String
            let kind: String
        }
        struct Polyline {
            let points: String
            let kind: String
        }
        struct Text {
            let x, y: String
            let anchor: String
            let kind: String
            let text: String
        }

        let id: String
        let title: String
        let desc: String
        let width: Int
        let height: Int
        var rects: [Rect] = []
        var lines: [Line] = []
        var polylines: [Polyline] = []
        var texts: [Text] = []

        init(id: String, title: String, desc: String, width: Int, height: Int) {
            self.id = id
            self.title = HTMLContext.clean(title)
            self.desc = HTMLContext.clean(desc)
            self.width = width
            self.height = height
        }

        mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, _ kind: String) {
            rects.append(Rect(x: n(x), y: n(y), width: n(max(width, 0)), height: n(max(height, 0)), kind: kind))
        }

        mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ kind: String) {
            lines.append(Line(x1: n(x1), y1: n(y1), x2: n(x2), y2: n(y2), kind: kind))
        }

        mutating func polyline(_ points: [(Double, Double)], _ kind: String) {
            polylines.append(
                Polyline(points: points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "), kind: kind))
        }

        mutating func text(
            _ x: Double, _ y: Double, _ text: String, anchor: String = "start", kind: String = ""
        ) {
            texts.append(Text(x: n(x), y: n(y), anchor: anchor, kind: kind, text: HTMLContext.clean(text)))
        }

        var svg: String { HTMLTemplates.render(self, "chart") }

        /// A coordinate with at most one decimal.
        func n(_ value: Double) -> String {
            let tenths = (value * 10).rounded()
            return tenths.truncatingRemainder(dividingBy: 10) == 0
                ? String(Int(tenths / 10)) : String(format: "%.1f", tenths / 10)
        }
    }

    /// A bar per account, sorted by this week's change: added to the right of the axis,
    /// removed to the left, each labelled with its number.
    static func movers(_ movers: ReportView.Movers, since previousDate: String) -> Chart {
        typealias Week = ReportView.ThisWeek
        let entries = movers.rows + (movers.others.map { [$0] } ?? [])
        let rowHeight = 22.0
        let top = 10.0
        var chart = Chart(
            id: "chart-movers", title: "Change per account since \(previousDate)",
            desc: "Assets added (bars to the right) and removed (bars to the left) per account, "
                + "the \(movers.rows.count) accounts that changed most"
                + (movers.others == nil ? "" : ", then the \(movers.othersCount.grouped) others together") + ".",
            width: 760, height: Int(top * 2 + rowHeight * Double(max(entries.count, 1))))
        let left = 250.0
        let right = 700.0
        let maxAdded = Double(entries.map(\.added).max() ?? 0)
        let maxRemoved = Double(entries.map(\.removed).max() ?? 0)
        let span = maxAdded + maxRemoved
        let center = span == 0 ? (left + right) / 2 : left + (right - left) * maxRemoved / span
        let scale = span == 0 ? 0 : (right - left) / span
        chart.line(center, top - 4, center, top + rowHeight * Double(entries.count), "axis")
        for (index, entry) in entries.enumerated() {
            let y = top + rowHeight * Double(index)
            let isOthers = index == movers.rows.count
            chart.text(200, y + 15, ReadableText.short(entry.name, 26), anchor: "end", kind: isOthers ? "muted" : "")
            let removed = Double(entry.removed) * scale
            let added = Double(entry.added) * scale
            chart.rect(center - removed, y + 4, removed, rowHeight - 8, "removed")
            chart.rect(center, y + 4, added, rowHeight - 8, "added")
            chart.text(center - removed - 4, y + 15, Week.minus(entry.removed), anchor: "end")
            chart.text(center + added + 4, y + 15, Week.signed(entry.added))
        }
        return chart
    }

    /// Per week, what was added (up) and removed (down), with the window's averages as
    /// dashed lines.
    static func weekly(_ trend: ReportView.TrendTable) -> Chart {
        typealias Week = ReportView.ThisWeek
        let count = trend.dates.count
        let added = trend.added.compactMap { $0 }
        let removed = trend.removed.compactMap { $0 }
        let averageAdded = ReportView.mean(added)
        let averageRemoved = ReportView.mean(removed)
        var chart = Chart(
            id: "chart-weekly", title: "Assets added and removed per week",
            desc: "Bars up: assets added each week; bars down: assets removed. Dashed lines: the average of the "
                + "\(added.count) week\(added.count == 1 ? "" : "s") known, \(Week.signed(averageAdded)) added and "
                + "\(Week.minus(averageRemoved)) removed.",
            width: 760, height: 260)
        let left = 60.0
        let right = 740.0
        let top = 24.0
        let plot = 190.0
        let maxAdded = Double(added.max() ?? 0)
        let maxRemoved = Double(removed.max() ?? 0)
        let span = max(maxAdded + maxRemoved, 1)
        let baseline = top + plot * maxAdded / span
        let scale = plot / span
        let band = (right - left) / Double(max(count, 1))
        chart.line(left, baseline, right, baseline, "axis")
        for index in 0..<count {
            let x = left + band * Double(index)
            let middle = x + band / 2
            let width = min(band * 0.6, 48)
            chart.text(middle, top + plot + 30, String(trend.dates[index].suffix(5)), anchor: "middle", kind: "muted")
            guard let plus = trend.added[index], let minus = trend.removed[index] else {
                chart.text(middle, baseline - 6, "no data", anchor: "middle", kind: "muted")
                continue
            }
            let up = Double(plus) * scale
            let down = Double(minus) * scale
            chart.rect(middle - width / 2, baseline - up, width, up, "added")
            chart.rect(middle - width / 2, baseline, width, down, "removed")
            chart.text(middle, baseline - up - 4, Week.signed(plus), anchor: "middle")
            chart.text(middle, baseline + down + 14, Week.minus(minus), anchor: "middle")
        }
        if !added.isEmpty {
            let y = baseline - Double(averageAdded) * scale
            chart.line(left, y, right, y, "average")
            chart.text(left - 4, y + 4, "avg", anchor: "end", kind: "muted")
        }
        if !removed.isEmpty && averageRemoved > 0 {
            let y = baseline + Double(averageRemoved) * scale
            chart.line(left, y, right, y, "average")
            chart.text(left - 4, y + 4, "avg", anchor: "end", kind: "muted")
        }
        return chart
    }

    /// A line over the weeks whose value is known; `label` names a small per-account chart.
    static func line(
        id: String, title: String, desc: String, dates: [String], values: [Int?], label: String? = nil
    ) -> Chart {
        let small = label != nil
        let width = small ? 240.0 : 760.0
        let height = small ? 86.0 : 220.0
        var chart = Chart(id: id, title: title, desc: desc, width: Int(width), height: Int(height))
        let left = small ? 6.0 : 70.0
        let right = width - (small ? 6 : 20)
        let top = small ? 26.0 : 16.0
        let bottom = height - (small ? 8 : 34)
        let known = values.compactMap { $0 }
        guard let low = known.min(), let high = known.max() else { return chart }
        let range = Double(max(high - low, 1))
        let step = (right - left) / Double(max(dates.count - 1, 1))
        func y(_ value: Int) -> Double { bottom - (bottom - top) * Double(value - low) / range }
        let points = values.enumerated().compactMap { index, value in
            value.map { (left + step * Double(index), y($0)) }
        }
        chart.polyline(points, small ? "spark" : "line")
        if let label {
            chart.text(left, 14, ReadableText.short(label, 24))
            chart.text(right, 14, known.last!.grouped, anchor: "end", kind: "muted")
        } else {
            chart.line(left, bottom, right, bottom, "axis")
            chart.text(left - 6, y(high) + 4, high.grouped, anchor: "end", kind: "muted")
            if high != low { chart.text(left - 6, y(low) + 4, low.grouped, anchor: "end", kind: "muted") }
            for (index, date) in dates.enumerated() {
                chart.text(
                    left + step * Double(index), bottom + 18, String(date.suffix(5)), anchor: "middle", kind: "muted")
            }
        }
        return chart
    }

    /// A bar per category, its length its share of all assets.
    static func categories(_ view: ReportView) -> Chart {
        let total = view.totals.total
        var chart = Chart(
            id: "chart-categories", title: "Assets by category",
            desc: "All counted assets by category: "
                + view.categories.map { "\(view.totals.count($0).grouped) \($0.rawValue)" }.joined(separator: ", ")
                + ".",
            width: 760, height: 20 + 26 * view.categories.count)
        let left = 120.0
        let right = 560.0
        let largest = Double(max(view.categories.map { view.totals.count($0) }.max() ?? 0, 1))
        for (index, category) in view.categories.enumerated() {
            let y = 10 + 26 * Double(index)
            let count = view.totals.count(category)
            let length = (right - left) * Double(count) / largest
            chart.text(left - 8, y + 16, category.title, anchor: "end")
            chart.rect(left, y + 4, length, 18, "bar")
            chart.text(left + length + 6, y + 16, "\(count.grouped) (\(ReadableText.cell(.percent(count, of: total))))")
        }
        return chart
    }
}
