package dev.ganboard.frontend.run;

import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.ganboard.backend.checkpoint.CheckpointSummary;
import dev.ganboard.backend.checkpoint.PreviewStore;
import java.io.ByteArrayInputStream;

/**
 * A checkpoint's sample preview as an {@code <img>} served through the user's Vaadin session: the URL belongs to
 * this UI's element, so only this session can load it. Callers show only checkpoints of runs the user's team owns.
 * Without a width it is shown at its own size, pixel for pixel; with one (thumbnails) the browser scales it smoothly,
 * so thin dots of a scatter plot stay visible.
 */
public final class PreviewImage {
    private PreviewImage() {
    }

    public static Image of(PreviewStore previews, long checkpointId, String alt, String width) {
        Image image = new Image(download(previews, checkpointId), alt);
        if (width != null) {
            image.setWidth(width);
            image.getStyle().set("height", "auto");
        }
        image.getStyle().set("border", "1px solid var(--lumo-contrast-10pct)");
        image.getElement().setAttribute("data-checkpoint", Long.toString(checkpointId));
        return image;
    }

    /** Serves the newest preview of the checkpoint, or 404. */
    static DownloadHandler download(PreviewStore previews, long checkpointId) {
        return DownloadHandler.fromInputStream(event -> previews.latest(checkpointId)
                .map(p -> new DownloadResponse(new ByteArrayInputStream(p.data()),
                        "checkpoint-" + checkpointId + "-preview.png", p.contentType(), p.data().length))
                .orElseGet(() -> DownloadResponse.error(404, "checkpoint " + checkpointId + " has no preview")));
    }

    /** Changes when the checkpoint may have a new preview: each evaluation can bring one. */
    static String version(CheckpointSummary c) {
        return c.id() + "|" + (c.evaluations() == null ? 0 : c.evaluations().size());
    }
}
