package dev.ganboard.frontend.run;

import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.ganboard.backend.checkpoint.PreviewStore;
import java.io.ByteArrayInputStream;

/**
 * A checkpoint's sample preview as an {@code <img>} served through the user's Vaadin session: the URL belongs to
 * this UI's element, so only this session can load it. Callers show only checkpoints of runs the user's team owns.
 * Scaled up, the pixels stay sharp (a sample grid is pixel-exact).
 */
public final class PreviewImage {
    private PreviewImage() {
    }

    public static Image of(PreviewStore previews, long checkpointId, String alt, String width) {
        DownloadHandler handler = DownloadHandler.fromInputStream(event -> previews.latest(checkpointId)
                .map(p -> new DownloadResponse(new ByteArrayInputStream(p.data()),
                        "checkpoint-" + checkpointId + "-preview.png", p.contentType(), p.data().length))
                .orElseGet(() -> DownloadResponse.error(404, "checkpoint " + checkpointId + " has no preview")));
        Image image = new Image(handler, alt);
        image.setWidth(width);
        image.getStyle().set("image-rendering", "pixelated").set("height", "auto")
                .set("border", "1px solid var(--lumo-contrast-10pct)");
        image.getElement().setAttribute("data-checkpoint", Long.toString(checkpointId));
        return image;
    }
}
