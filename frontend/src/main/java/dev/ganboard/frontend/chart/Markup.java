package dev.ganboard.frontend.chart;

/** Escaping for text placed into server-rendered SVG/HTML. */
public final class Markup {
    private Markup() {
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
                .replace("\"", "&quot;");
    }
}
