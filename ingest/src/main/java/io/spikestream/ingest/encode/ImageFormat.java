package io.spikestream.ingest.encode;

/** Still-image formats a frame can be encoded to; the name is the javax.imageio format name. */
public enum ImageFormat {
    JPEG("jpeg"),
    PNG("png");

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    String imageIoName() {
        return imageIoName;
    }
}
