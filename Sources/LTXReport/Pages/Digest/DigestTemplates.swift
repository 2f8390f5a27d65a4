import Mustache

/// digest.html's template: the body of an HTML mail, so table layout and inline styles
/// only — no style sheet, no SVG, no script, nothing fetched — and bars drawn with table
/// cells. A Swift string for the same reason as `HTMLTemplates`.
enum DigestTemplates {
    static let library: MustacheLibrary = {
        HTMLEscaping.registered
        var library = MustacheLibrary()
        do {
            try library.register(HTMLEscaping.pragma + HTMLTemplates.spans, named: "spans")
            try library.register(HTMLEscaping.pragma + table, named: "table")
            try library.register(HTMLEscaping.pragma + page, named: "page")
        } catch {
            preconditionFailure("a digest template does not parse: \(error)")
        }
        return library
    }()

    static func render(_ context: Any) -> String {
        library.render(context, withTemplate: "page") ?? ""
    }

    static let cell = "padding:4px 8px;border-bottom:1px solid #d0d7de;"

    static let table = """
        <table role="presentation" style="border-collapse:collapse;margin:4px 0 12px;font-size:14px;">
        <tr>{{#columns}}<th style="\(cell)text-align:{{align}};background:#f6f8fa;">{{title}}</th>{{/columns}}</tr>
        {{#rows}}<tr>{{#cells}}<td style="\(cell)text-align:{{align}};{{#strong}}font-weight:bold;{{/strong}}">{{text}}</td>{{/cells}}</tr>
        {{/rows}}</table>

        """

    static let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{subject}}</title>
        </head>
        <body style="margin:0;padding:0;background:#f6f8fa;">
        <table role="presentation" style="width:100%;border-collapse:collapse;background:#f6f8fa;">
        <tr><td style="padding:16px;">
        <table role="presentation" style="width:100%;max-width:680px;margin:0 auto;border-collapse:collapse;\
        background:#ffffff;border:1px solid #d0d7de;font-family:Arial,Helvetica,sans-serif;color:#1b1f24;\
        font-size:14px;line-height:1.5;">
        {{#lead}}{{#demo}}<tr><td style="padding:8px 16px;background:#fff8c5;font-weight:bold;">{{.}}</td></tr>
        {{/demo}}<tr><td style="padding:16px 16px 0;"><h1 style="margin:0;font-size:20px;">{{title}}</h1></td></tr>
        <tr><td style="padding:8px 16px 0;">{{#summary}}{{> spans}}{{/summary}}</td></tr>
        {{#headline}}<tr><td style="padding:8px 16px 0;font-size:16px;">{{> spans}}</td></tr>
        {{/headline}}{{#notCounted}}<tr><td style="padding:8px 16px 0;color:#9a6700;">⚠ {{.}}</td></tr>
        {{/notCounted}}{{/lead}}{{^empty(actions)}}<tr><td style="padding:12px 16px 0;"><h2 style="margin:0;font-size:16px;">To do</h2>
        <ol style="margin:4px 0;padding-left:24px;">{{#actions}}<li>{{.}}</li>{{/actions}}</ol></td></tr>
        {{/empty(actions)}}{{#teams}}<tr><td style="padding:12px 16px 0;"><h2 style="margin:0;font-size:16px;">By team</h2>
        {{> table}}</td></tr>
        {{/teams}}{{#week}}<tr><td style="padding:12px 16px 0;"><h2 style="margin:0;font-size:16px;">This week</h2>
        <p style="margin:4px 0;">{{#sentence}}{{> spans}}{{/sentence}}</p>
        {{#categories}}{{> table}}{{/categories}}</td></tr>
        {{/week}}{{^empty(attention)}}<tr><td style="padding:12px 16px 0;"><h2 style="margin:0;font-size:16px;">Needs attention</h2>
        <ul style="margin:4px 0;padding-left:24px;">{{#attention}}<li>{{.}}</li>{{/attention}}</ul></td></tr>
        {{/empty(attention)}}{{^empty(movers)}}<tr><td style="padding:12px 16px 0;"><h2 style="margin:0;font-size:16px;">Top movers</h2>
        <table role="presentation" style="width:100%;border-collapse:collapse;font-size:14px;">
        {{#movers}}<tr><td style="padding:3px 8px 3px 0;width:38%;">{{name}}</td>\
        <td style="padding:3px 0;width:22%;"><table role="presentation" style="width:100%;border-collapse:collapse;"><tr>\
        <td style="width:{{blank}}%;padding:0;"></td><td style="width:{{removedWidth}}%;padding:0;height:12px;\
        background:#cf222e;"></td></tr></table></td><td style="padding:3px 0;width:22%;">\
        <table role="presentation" style="width:100%;border-collapse:collapse;"><tr><td style="width:{{addedWidth}}%;\
        padding:0;height:12px;background:#1a7f37;"></td><td style="padding:0;"></td></tr></table></td>\
        <td style="padding:3px 0 3px 8px;white-space:nowrap;text-align:right;">{{numbers}}</td></tr>
        {{/movers}}</table>
        {{#moreMovers}}<p style="margin:4px 0;color:#57606a;">{{.}}</p>{{/moreMovers}}</td></tr>
        {{/empty(movers)}}<tr><td style="padding:12px 16px;">{{#link}}<a href="{{.}}" style="color:#0969da;">\
        The full report, with every account and chart</a>{{/link}}{{^link}}The full report, with every account and \
        chart: report.html beside this digest, in the report folder {{folder}}.{{/link}}</td></tr>
        <tr><td style="padding:0 16px 16px;color:#57606a;font-size:12px;">{{generated}}</td></tr>
        </table>
        </td></tr>
        </table>
        </body>
        </html>

        """
}
