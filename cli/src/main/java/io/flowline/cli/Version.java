package io.flowline.cli;

import picocli.CommandLine.IVersionProvider;

/** The version of the jar (from its manifest when built by Maven). */
public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"kubectl-flowline " + (version == null ? "(development build)" : version)};
  }
}
