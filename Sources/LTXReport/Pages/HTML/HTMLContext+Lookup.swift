import Mustache

// The templates look up the values of the many rows and cells of a long table by name;
// answering by a `switch` spares the template library a reflection of the value per
// lookup, which dominated report.html's time at 10,000 accounts (BENCHMARKS.md).

extension HTMLContext.Table.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "head": head
        case "cells": cells
        case "kind": kind
        default: nil
        }
    }
}

extension HTMLContext.Table: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "caption": caption
        case "columns": columns
        case "rows": rows
        case "foot": foot
        case "collapsed": collapsed
        case "size": size
        case "numericColumns": numericColumns
        default: nil
        }
    }
}

extension HTMLReport.Attention: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "reasons": reasons
        default: nil
        }
    }
}

/// HTML escaping for the templates (`{{% CONTENT_TYPE: LTX_HTML }}`): the characters the
/// library's own HTML type escapes (`<`, `>`, `&`, `"`, `'`), the same way, but a text
/// with none of them — most cells are numbers — is passed through without a copy.
struct HTMLEscaping: MustacheContentType {
    static let name = "LTX_HTML"
    /// The pragma that selects it, first in every template of report.html and the digest.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}"
    /// Registers it once, before any template is parsed.
    static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 })
        else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
