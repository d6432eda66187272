package io.flowline.cli.commands;

import io.flowline.cli.FlowlineCli;
import io.flowline.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** A verb: reaches the cluster through the root command's session and returns its exit code. */
abstract class BaseCommand implements Callable<Integer> {
  @ParentCommand
  FlowlineCli root;

  Session session() {
    return root.session();
  }
}
