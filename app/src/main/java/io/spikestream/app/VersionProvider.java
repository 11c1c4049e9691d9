package io.spikestream.app;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = SpikeStreamCli.class.getPackage().getImplementationVersion();
        return new String[] {"spikestream " + (v == null ? "development" : v)};
    }
}
