package io.flowline.engine;

import io.flowline.api.ConcurrencyPolicy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a run that has not started may start under its pipeline's {@code concurrency}.
 *
 * <p>Every decision comes from one plan over all runs of the pipeline, so deciding run by run gives the same answer
 * as deciding all at once, whatever order the runs are reconciled in. Runs without a status yet count as waiting: a
 * run started a moment ago but still phase-less in a stale cache keeps its place ahead of later ones instead of
 * vanishing, so a second reconcile cannot hand its slot to someone else. A run missing from the input altogether
 * cannot be protected that way: callers pass every run of the pipeline they know of.
 *
 * <ul>
 *   <li>Slots: Running, Paused and Stopping runs hold one each (Stopping: its Jobs still run).
 *   <li>Queue: waiting runs start in {@link StartOrder#QUEUE} order (higher priority, then older, then name); with
 *       n free slots the first n start, the rest are queued, position 1 next in line.
 *   <li>Forbid: the same order, but the runs that do not get a slot end Cancelled (reason ConcurrencyLimit).
 *   <li>Replace: priority does not apply, the newest runs win: the newest {@code limit} runs among the Running,
 *       Paused and waiting ones keep or get a slot, older Running/Paused runs are cancelled, and a waiting run
 *       already outnumbered by newer runs (several created at once) ends Cancelled without starting rather than
 *       start only to be cancelled moments later. Stopping runs are neither counted nor cancelled again: they are already
 *       leaving, and counting them would cancel a second run for one new one.
 * </ul>
 *
 * <p>The policy in force at the decision applies to every waiting run, Queued ones included: a run still Queued
 * when the policy becomes Forbid is refused at its next decision.
 */
public final class ConcurrencyGate {
  private ConcurrencyGate() {
  }

  /**
   * The decision for {@code run}, which is treated as not started whatever its phase says. {@code otherRuns} are the
   * pipeline's other runs in any phase (finished ones are ignored; an entry named like {@code run} is replaced by it).
   */
  public static Admission decide(ConcurrencyRules rules, ContendingRun run, Collection<ContendingRun> otherRuns) {
    ContendingRun candidate = run.isWaiting() ? run
        : new ContendingRun(run.name(), null, run.priority(), run.createdAt());
    List<ContendingRun> runs = new ArrayList<>();
    for (ContendingRun other : otherRuns) {
      if (!other.name().equals(run.name())) {
        runs.add(other);
      }
    }
    runs.add(candidate);
    return admitAll(rules, runs).get(run.name());
  }

  /** The decision for every waiting run of {@code runs} (the pipeline's runs in any phase), by run name. */
  public static Map<String, Admission> admitAll(ConcurrencyRules rules, Collection<ContendingRun> runs) {
    List<ContendingRun> live = runs.stream()
        .filter(run -> run.phase() == null || !run.phase().isFinished())
        .collect(Collectors.toList());
    if (rules.isUnlimited()) {
      Map<String, Admission> all = new LinkedHashMap<>();
      live.stream().filter(ContendingRun::isWaiting).sorted(StartOrder.QUEUE)
          .forEach(run -> all.put(run.name(), Admission.start()));
      return all;
    }
    return switch (rules.policy()) {
      case Forbid -> bySlots(rules, live, true);
      case Replace -> newestWin(rules, live);
      case Queue -> bySlots(rules, live, false);
    };
  }

  /**
   * The queue position of every run that has to wait, in queue order (empty under Forbid and Replace, which never
   * queue): what status.queuePosition of each run and the Pipeline's queuedRuns show.
   */
  public static Map<String, Integer> queuePositions(ConcurrencyRules rules, Collection<ContendingRun> runs) {
    Map<String, Integer> positions = new LinkedHashMap<>();
    admitAll(rules, runs).forEach((name, admission) -> {
      if (admission.verdict() == Admission.Verdict.QUEUE) {
        positions.put(name, admission.queuePosition());
      }
    });
    return positions;
  }

  /**
   * Under Replace, whether the started run {@code activeRun} (Running or Paused) must give way to newer runs: the
   * message to cancel it with when it is not among the newest {@code limit}, empty otherwise (or under any other
   * policy). The same plan as {@link #admitAll}, seen from a run that already started: the newer run may have started
   * before the older one is reconciled again.
   */
  public static Optional<String> replacedBy(ConcurrencyRules rules, Collection<ContendingRun> runs,
      String activeRun) {
    if (rules.isUnlimited() || rules.policy() != ConcurrencyPolicy.Replace) {
      return Optional.empty();
    }
    List<ContendingRun> contenders = replaceContenders(runs);
    List<ContendingRun> kept = newest(rules, contenders);
    boolean active = contenders.stream().anyMatch(run -> run.name().equals(activeRun) && run.isReplaceable());
    if (!active || kept.stream().anyMatch(run -> run.name().equals(activeRun))) {
      return Optional.empty();
    }
    return Optional.of(replaced(rules, kept.stream().map(ContendingRun::name).collect(Collectors.toList())));
  }

  /** The wording for the status of a run that Replace cancels, to match what the replacing run says. */
  public static String replacedMessage(ConcurrencyRules rules, String newerRun) {
    return replaced(rules, List.of(newerRun));
  }

  private static String replaced(ConcurrencyRules rules, List<String> newerRuns) {
    return "replaced by newer run" + (newerRuns.size() == 1 ? " " : "s ") + nameList(newerRuns)
        + " (" + rules.describe() + ")";
  }

  private static Map<String, Admission> bySlots(ConcurrencyRules rules, List<ContendingRun> live, boolean forbid) {
    List<ContendingRun> holders = live.stream().filter(ContendingRun::holdsSlot).sorted(StartOrder.ARRIVAL)
        .collect(Collectors.toList());
    List<ContendingRun> waiting = live.stream().filter(ContendingRun::isWaiting).sorted(StartOrder.QUEUE)
        .collect(Collectors.toList());
    int free = Math.max(0, rules.limit() - holders.size());
    Map<String, Admission> decisions = new LinkedHashMap<>();
    for (int i = 0; i < waiting.size(); i++) {
      ContendingRun run = waiting.get(i);
      if (i < free) {
        decisions.put(run.name(), Admission.start());
      } else if (forbid) {
        decisions.put(run.name(), Admission.forbid(limitReached(rules, holders, waiting.subList(0, free))));
      } else {
        decisions.put(run.name(), Admission.queue(i - free + 1, "waiting for a free slot (" + rules.describe() + ")"));
      }
    }
    return decisions;
  }

  private static String limitReached(ConcurrencyRules rules, List<ContendingRun> holders,
      List<ContendingRun> startingNow) {
    List<String> names = new ArrayList<>();
    holders.forEach(run -> names.add(run.name()));
    startingNow.forEach(run -> names.add(run.name()));
    return "concurrency limit " + rules.limit() + " reached (policy " + rules.policy() + "); active: "
        + nameList(names);
  }

  private static List<ContendingRun> replaceContenders(Collection<ContendingRun> runs) {
    return runs.stream().filter(run -> run.isReplaceable() || run.isWaiting())
        .sorted(StartOrder.ARRIVAL).collect(Collectors.toList());
  }

  private static List<ContendingRun> newest(ConcurrencyRules rules, List<ContendingRun> contenders) {
    return contenders.subList(Math.max(0, contenders.size() - rules.limit()), contenders.size());
  }

  private static Map<String, Admission> newestWin(ConcurrencyRules rules, List<ContendingRun> live) {
    List<ContendingRun> contenders = replaceContenders(live);
    List<ContendingRun> kept = newest(rules, contenders);
    Set<String> keptNames = kept.stream().map(ContendingRun::name).collect(Collectors.toSet());
    List<String> toCancel = contenders.stream()
        .filter(run -> run.isReplaceable() && !keptNames.contains(run.name()))
        .map(ContendingRun::name).collect(Collectors.toList());
    List<String> keptInOrder = kept.stream().map(ContendingRun::name).collect(Collectors.toList());
    Map<String, Admission> decisions = new LinkedHashMap<>();
    for (ContendingRun run : contenders) {
      if (!run.isWaiting()) {
        continue;
      }
      if (!keptNames.contains(run.name())) {
        // Several runs arrived at once (or it waited under an earlier policy): starting it only to have the newer
        // ones cancel it moments later would waste a start, so it never starts.
        decisions.put(run.name(), Admission.forbid(replaced(rules, keptInOrder)));
      } else if (toCancel.isEmpty()) {
        decisions.put(run.name(), Admission.start());
      } else {
        decisions.put(run.name(),
            Admission.replace(toCancel, "replaces " + nameList(toCancel) + " (" + rules.describe() + ")"));
      }
    }
    return decisions;
  }

  /** At most three names, so a message stays short when a large limit is reached. */
  private static String nameList(List<String> names) {
    if (names.size() <= 3) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
  }
}
