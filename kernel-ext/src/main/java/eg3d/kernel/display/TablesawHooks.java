package eg3d.kernel.display;

import java.util.List;
import java.util.UUID;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** Tablesaw tables as HTML and jsplot figures through the embedded plotly.js; loaded only when Tablesaw is present. */
final class TablesawHooks {
    // Enough rows to read a table's shape at a glance; print() or a slice shows the rest.
    static final int HEAD_ROWS = 20;
    static final int TAIL_ROWS = 5;

    private TablesawHooks() {}

    static List<DisplayHook<?>> hooks() {
        return List.of(
                new DisplayHook<>(Table.class, List.of("text/html", "text/plain"), List.of(),
                        (t, mime) -> mime.equals("text/html") ? tableHtml(t) : t.print()),
                new DisplayHook<>(Figure.class, List.of("text/html", "text/plain"), List.of(),
                        (f, mime) -> mime.equals("text/html") ? figureHtml(f) : "Figure with " + f.getTraces().length + " trace(s)"));
    }

    static String tableHtml(Table t) {
        StringBuilder html = new StringBuilder("<table class=\"eg3d-table\"><caption>")
                .append(Html.escape(t.name() == null ? "" : t.name())).append(" (").append(t.rowCount())
                .append(" rows × ").append(t.columnCount()).append(" columns)</caption><thead><tr>");
        for (String name : t.columnNames()) html.append("<th>").append(Html.escape(name)).append("</th>");
        html.append("</tr></thead><tbody>");
        int rows = t.rowCount();
        boolean elide = rows > HEAD_ROWS + TAIL_ROWS;
        for (int r = 0; r < rows; r++) {
            if (elide && r == HEAD_ROWS) {
                html.append("<tr><td colspan=\"").append(t.columnCount()).append("\">… ")
                        .append(rows - HEAD_ROWS - TAIL_ROWS).append(" more rows …</td></tr>");
                r = rows - TAIL_ROWS;
            }
            html.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                html.append("<td>").append(Html.escape(t.column(c).getString(r))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    static String figureHtml(Figure f) {
        // Tablesaw turns the id into a JS variable name, so it must be a plain identifier.
        String div = "eg3dFigure" + UUID.randomUUID().toString().replace("-", "");
        // Tablesaw's own script fills the div by id; it only needs window.Plotly, which scriptOnce provides.
        return PlotlyJs.scriptOnce() + "<div id=\"" + div + "\"></div>\n" + f.asJavascript(div);
    }
}
