/** Turning a run config into a trainer run, with checkpoints to resume from. */
package dev.hebb.io.run;
