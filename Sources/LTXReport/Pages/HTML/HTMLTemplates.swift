import Foundation
import Mustache

/// report.html's templates. They are Swift strings rather than bundle resources so the
/// released binary stays one file; each reads as the markup it makes. `{{x}}` escapes,
/// and only the SVG of a chart — itself rendered by `chart` — goes in unescaped.
enum HTMLTemplates {
    static let library: MustacheLibrary = {
        HTMLEscaping.registered
        var library = MustacheLibrary()
        do {
            for (name, text) in [
                ("page", page), ("table", table), ("figure", figure), ("spans", spans), ("chart", chart),
            ] {
                try library.register(HTMLEscaping.pragma + text, named: name)
            }
            for (name, text) in [("style", HTMLStyle.css), ("script", HTMLStyle.script)] {
                try library.register(text, named: name)
            }
        } catch {
            // The templates are constants of this file; a test renders every one.
            preconditionFailure("an HTML template does not parse: \(error)")
        }
        return library
    }()

    static func render(_ context: Any, _ name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    static let spans = """
        {{#spans}}{{#strong}}<strong>{{text}}</strong>{{/strong}}{{#code}}<code>{{text}}</code>{{/code}}\
        {{^strong}}{{^code}}{{text}}{{/code}}{{/strong}}{{/spans}}
        """

    static let table = """
        {{#collapsed}}<details class="long"><summary>{{caption}} — {{size}}</summary>
        <p class="filter"><label>Filter rows <input type="search" data-filter="{{id}}"></label></p>{{/collapsed}}
        <div class="scroll"><table id="{{id}}" class="data">
        <caption>{{caption}}</caption>
        <thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row">{{head}}</th>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>
        {{/rows}}</tbody>
        {{^empty(foot)}}<tfoot>
        {{#foot}}<tr class="{{kind}}"><th scope="row">{{head}}</th>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>
        {{/foot}}</tfoot>{{/empty(foot)}}
        </table></div>{{#collapsed}}</details>{{/collapsed}}

        """

    static let figure = """
        <div class="chart" id="{{id}}">
        <figure>
        {{{svg}}}
        <figcaption>{{caption}}</figcaption>
        </figure>
        <details class="numbers"><summary>The chart's numbers</summary>
        {{#numbers}}{{> table}}{{/numbers}}</details>
        </div>

        """

    /// One SVG chart: rectangles, lines, polylines and text at coordinates computed in
    /// `HTMLCharts`; classes give the colours (and the print and dark variants).
    static let chart = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{width}} {{height}}" width="{{width}}" \
        role="img" aria-labelledby="{{id}}-title {{id}}-desc"><title id="{{id}}-title">{{title}}</title>\
        <desc id="{{id}}-desc">{{desc}}</desc>\
        {{#rects}}<rect x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}" class="{{kind}}"/>{{/rects}}\
        {{#lines}}<line x1="{{x1}}" y1="{{y1}}" x2="{{x2}}" y2="{{y2}}" class="{{kind}}"/>{{/lines}}\
        {{#polylines}}<polyline points="{{points}}" class="{{kind}}"/>{{/polylines}}\
        {{#texts}}<text x="{{x}}" y="{{y}}" text-anchor="{{anchor}}" class="{{kind}}">{{text}}</text>{{/texts}}\
        </svg>
        """

    static let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <meta name="generator" content="ltx-report {{version}}">
        <title>{{lead.title}}</title>
        <style>
        {{> style}}
        @page { @top-center { content: "{{lead.title}}"; font-size: 9pt; } }
        {{#tables}}{{#numericColumns}}#{{id}} tr > :nth-child({{.}}) { text-align: right; }
        {{/numericColumns}}{{/tables}}</style>
        </head>
        <body>
        {{#lead}}{{#demo}}<p class="banner" role="note">{{.}}</p>
        {{/demo}}<header>
        <h1>{{title}}</h1>
        <p class="generated">{{generated}}</p>
        </header>
        <main>
        <section id="headline" aria-labelledby="headline-h">
        <h2 id="headline-h">In short</h2>
        <p class="summary">{{#summary}}{{> spans}}{{/summary}}</p>
        {{#headline}}<p class="lead">{{> spans}}</p>{{/headline}}
        {{#notCounted}}<p class="warn"><span class="mark" aria-hidden="true">⚠</span> {{.}}</p>{{/notCounted}}{{/lead}}
        {{^empty(actions)}}<h3>To do</h3>
        <ol class="actions">{{#actions}}<li>{{.}}</li>{{/actions}}</ol>
        {{#moreActions}}<p>{{.}}</p>{{/moreActions}}{{/empty(actions)}}
        </section>
        {{#teams}}<section id="teams" aria-labelledby="teams-h">
        <h2 id="teams-h">By team</h2>
        {{> table}}
        </section>
        {{/teams}}{{#week}}<section id="this-week" aria-labelledby="this-week-h">
        <h2 id="this-week-h">This week</h2>
        <p>{{#sentence}}{{> spans}}{{/sentence}}</p>
        {{#movers}}{{> figure}}{{/movers}}
        {{#table}}{{> table}}{{/table}}
        {{#noActivity}}<p>{{> spans}}</p>{{/noActivity}}
        {{#gone}}<p>{{> spans}}</p>{{/gone}}
        </section>
        {{/week}}{{^empty(attention)}}<section id="attention" aria-labelledby="attention-h">
        <h2 id="attention-h">Needs attention</h2>
        <ul class="attention">{{#attention}}<li><strong>{{name}}</strong>: {{reasons}}</li>{{/attention}}</ul>
        {{#moreAttention}}<p>{{.}}</p>{{/moreAttention}}
        </section>
        {{/empty(attention)}}{{#accounts}}<section id="accounts" aria-labelledby="accounts-h">
        <h2 id="accounts-h">Accounts</h2>
        {{> table}}
        </section>
        {{/accounts}}{{#unlisted}}<p>{{> spans}}</p>
        {{/unlisted}}{{#trend}}<section id="trend" aria-labelledby="trend-h">
        <h2 id="trend-h">Trend</h2>
        {{#weekly}}{{> figure}}{{/weekly}}
        {{^empty(sparklines)}}<h3>The largest accounts</h3>
        <div class="small-multiples">{{#sparklines}}{{> figure}}{{/sparklines}}</div>{{/empty(sparklines)}}
        {{#total}}{{> figure}}{{/total}}
        {{#table}}{{> table}}{{/table}}
        </section>
        {{/trend}}<section id="categories" aria-labelledby="categories-h">
        <h2 id="categories-h">Category split</h2>
        {{#categoryChart}}{{> figure}}{{/categoryChart}}
        {{#overall}}{{> table}}{{/overall}}
        </section>
        {{#dimensions}}<section aria-label="{{caption}}">
        <h2>{{caption}}</h2>
        {{> table}}
        </section>
        {{/dimensions}}{{#failures}}<section id="failures" aria-labelledby="failures-h">
        <h2 id="failures-h">Failures</h2>
        <p>These accounts could not be counted and are left out of every total above.</p>
        {{> table}}
        </section>
        {{/failures}}{{#changed}}<section id="changed" aria-labelledby="changed-h">
        <h2 id="changed-h">Changed during the run</h2>
        <p>{{> spans}}</p>
        </section>
        {{/changed}}<section id="provenance" aria-labelledby="provenance-h">
        <h2 id="provenance-h">How these numbers were obtained</h2>
        <ul>{{#provenance}}<li>{{> spans}}</li>{{/provenance}}</ul>
        </section>
        </main>
        <script>
        {{> script}}
        </script>
        </body>
        </html>

        """
}
