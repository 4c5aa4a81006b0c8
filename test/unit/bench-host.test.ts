import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { describeHost, measureHost } from '../bench/host.js';

describe('the bench’s machine line', () => {
  it('says what one thread does and what two threads at once do', () => {
    expect(describeHost({ cpu: 'Intel Xeon', cores: 2, singleMBps: 1450, parallelSpeedup: 1.26 })).toBe(
      'Intel Xeon, 2 CPUs; one thread hashes 1450 MB/s; two threads at once do 1.26× the work of one',
    );
  });

  it('measures this machine: its CPUs, one thread’s speed, two threads’ work against one', async () => {
    const h = await measureHost(1);
    expect(h.cores).toBe(availableParallelism());
    expect(h.cpu).not.toBe('');
    expect(h.singleMBps).toBeGreaterThan(10);
    // Two threads can do at most twice one's work (a little more within timing noise), at least
    // about as much as one on a machine with a single core.
    expect(h.parallelSpeedup).toBeGreaterThan(0.5);
    expect(h.parallelSpeedup).toBeLessThan(Math.min(2, h.cores) + 0.4);
  });
});
