import { describe, expect, it } from "vitest";
import { createPacedQueue } from "../../src/delivery/paced-queue.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("paced queue", () => {
  it("starts jobs in order, at most `concurrency` at once and never faster than the rate allows", async () => {
    const rate = 50;
    const slackMs = 10;
    const queue = createPacedQueue({ rate, concurrency: 3, slackMs });
    const starts: { job: number; at: number }[] = [];
    let running = 0;
    let mostRunning = 0;
    const finished: Promise<void>[] = [];
    for (let job = 0; job < 40; job++) {
      finished.push(
        new Promise<void>((resolve) =>
          queue.push(async () => {
            starts.push({ job, at: performance.now() });
            mostRunning = Math.max(mostRunning, ++running);
            await sleep(job < 10 ? 100 : 2); // the first ones outlast the interval: the slots run out
            running--;
            resolve();
          }),
        ),
      );
    }
    await Promise.all(finished);

    expect(starts.map((s) => s.job)).toEqual([...Array(40).keys()]);
    expect(mostRunning).toBe(3);
    // Starts k places apart are at least k intervals apart, less the catch-up slack.
    const interval = 1000 / rate;
    for (let i = 0; i < starts.length; i++) {
      for (let j = i + 1; j < starts.length; j++) {
        expect(starts[j]!.at - starts[i]!.at).toBeGreaterThanOrEqual((j - i) * interval - slackMs - 1);
      }
    }
  });

  it("stop() drops the jobs not started and waits for the running ones", async () => {
    const queue = createPacedQueue({ rate: 1000, concurrency: 2 });
    const started: number[] = [];
    const done: number[] = [];
    for (let job = 0; job < 10; job++) {
      queue.push(async () => {
        started.push(job);
        await sleep(50);
        done.push(job);
      });
    }
    await sleep(10);
    await queue.stop();
    expect(started).toEqual([0, 1]);
    expect(done).toEqual([0, 1]);
    queue.push(async () => {
      started.push(99);
    });
    await sleep(20);
    expect(started).toEqual([0, 1]);
  });

  it("starts nothing while paused (a 429's retry_after), then goes on at the rate", async () => {
    const queue = createPacedQueue({ rate: 100, concurrency: 2 });
    const starts: number[] = [];
    const done = (n: number) =>
      Promise.all(Array.from({ length: n }, () => new Promise<void>((resolve) => queue.push(async () => (starts.push(performance.now()), resolve())))));
    await done(2);
    const pausedAt = performance.now();
    queue.pause(300);
    await done(3);
    // A lower bound only: however slow the machine, nothing started before the pause ended.
    for (const at of starts.slice(2)) expect(at - pausedAt).toBeGreaterThanOrEqual(299);
  });
});
