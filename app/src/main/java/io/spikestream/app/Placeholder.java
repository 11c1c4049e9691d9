package io.spikestream.app; /** placeholder */ final class Placeholder {}
