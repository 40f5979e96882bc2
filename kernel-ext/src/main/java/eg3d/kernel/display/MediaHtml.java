package eg3d.kernel.display;

import eg3d.media.Video;
import eg3d.shape.Axis;
import eg3d.shape.DensityVolume;
import eg3d.shape.Mesh;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** HTML for videos, density slices and meshes. */
final class MediaHtml {
    // Enough slices to scrub through the shape, few enough to keep a 512³ volume's output small.
    static final int MAX_SLICES_PER_AXIS = 24;

    private MediaHtml() {}

    static String video(Video v) {
        return "<video controls loop autoplay muted playsinline width=\"" + v.getWidth() + "\" height=\"" + v.getHeight()
                + "\"><source type=\"video/mp4\" src=\"data:video/mp4;base64,"
                + Base64.getEncoder().encodeToString(v.getMp4()) + "\"></video>";
    }

    static String videoText(Video v) {
        return String.format(Locale.ROOT, "Video %dx%d, %d frames at %.3g fps (%d bytes of MP4)",
                v.getWidth(), v.getHeight(), v.getFrameCount(), v.getFps(), v.getMp4().length);
    }

    /** The indices shown for one axis: evenly spread over the grid, the middle one included when odd counts allow. */
    static int[] sliceIndices(int resolution) {
        int n = Math.min(resolution, MAX_SLICES_PER_AXIS);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = (int) ((i + 0.5) * resolution / n);
        return idx;
    }

    /** Three panels (X, Y, Z), each a picture and a slider over pre-rendered slices; no network needed. */
    static String sliceViewer(DensityVolume volume) {
        float[] range = finiteRange(volume.getValues());
        int[] indices = sliceIndices(volume.getResolution());
        String id = "eg3d-slices-" + UUID.randomUUID();
        StringBuilder html = new StringBuilder("<div id=\"" + id + "\" style=\"display:flex;gap:12px;flex-wrap:wrap\">");
        StringBuilder data = new StringBuilder("{");
        for (Axis axis : Axis.values()) {
            List<String> uris = new ArrayList<>();
            for (int index : indices) uris.add(Html.jsString(Html.pngDataUri(volume.slice(axis, index, range[0], range[1]))));
            int mid = indices.length / 2;
            String name = axis.name();
            html.append("<figure style=\"margin:0\"><img class=\"eg3d-slice\" data-axis=\"").append(name)
                    .append("\" style=\"width:192px;image-rendering:pixelated\" src=\"")
                    .append(Html.pngDataUri(volume.slice(axis, indices[mid], range[0], range[1]))).append("\">")
                    .append("<figcaption><input type=\"range\" min=\"0\" max=\"").append(indices.length - 1)
                    .append("\" value=\"").append(mid).append("\" data-axis=\"").append(name)
                    .append("\" style=\"width:192px\"><br><span data-axis=\"").append(name).append("\">")
                    .append(name).append(" = ").append(indices[mid]).append("</span> of ")
                    .append(volume.getResolution()).append("</figcaption></figure>");
            data.append(name).append(":[").append(String.join(",", uris)).append("],");
        }
        html.append("</div>");
        data.append("idx:[");
        for (int i = 0; i < indices.length; i++) data.append(i == 0 ? "" : ",").append(indices[i]);
        data.append("]}");
        html.append("<script>(function(){var root=document.getElementById(").append(Html.jsString(id))
                .append("),s=").append(data).append(";root.querySelectorAll('input').forEach(function(r){")
                .append("r.addEventListener('input',function(){var a=r.dataset.axis;")
                .append("root.querySelector('img[data-axis='+a+']').src=s[a][r.value];")
                .append("root.querySelector('span[data-axis='+a+']').textContent=a+' = '+s.idx[r.value];});});})();</script>");
        html.append(String.format(Locale.ROOT, "<div style=\"font-size:smaller\">density in [%.3g, %.3g], box %.3g</div>",
                range[0], range[1], volume.getBoxSize()));
        return html.toString();
    }

    static float[] finiteRange(float[] values) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (!Float.isFinite(v) || v <= DensityVolume.BORDER_FILL) continue;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo > hi) return new float[] {0, 1};
        return lo == hi ? new float[] {lo, lo + 1} : new float[] {lo, hi};
    }

    static BufferedImage sliceGrid(DensityVolume v) {
        return v.sliceGrid();
    }

    /** A Plotly mesh3d of the triangles, vertex-coloured when the mesh has colours. */
    static String meshPlot(Mesh mesh) {
        float[] v = mesh.getVertices();
        int[] f = mesh.getFaces();
        StringBuilder t = new StringBuilder("{type:'mesh3d',flatshading:false,");
        for (int axis = 0; axis < 3; axis++) {
            t.append("xyz".charAt(axis)).append(":[");
            for (int i = axis; i < v.length; i += 3) t.append(i == axis ? "" : ",").append(Html.num(v[i]));
            t.append("],");
        }
        for (int corner = 0; corner < 3; corner++) {
            t.append("ijk".charAt(corner)).append(":[");
            for (int i = corner; i < f.length; i += 3) t.append(i == corner ? "" : ",").append(f[i]);
            t.append("],");
        }
        float[] c = mesh.getColors();
        if (c != null) {
            t.append("vertexcolor:[");
            for (int i = 0; i < c.length; i += 3) {
                t.append(i == 0 ? "" : ",").append("'rgb(").append(channel(c[i])).append(',')
                        .append(channel(c[i + 1])).append(',').append(channel(c[i + 2])).append(")'");
            }
            t.append("],");
        } else {
            t.append("color:'#c8b89a',");
        }
        t.append("lighting:{ambient:0.5,diffuse:0.8,specular:0.2}}");
        String layout = "{margin:{l:0,r:0,t:0,b:0},scene:{aspectmode:'data'}}";
        return PlotlyJs.plotHtml("function(div){Plotly.newPlot(div,[" + t + "]," + layout + ",{responsive:true});}", 480);
    }

    private static int channel(float c) {
        return Math.round(Math.max(0f, Math.min(1f, c)) * 255f);
    }
}
