import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentModel } from '../core/model';

interface Job {
  readonly id: number;
  readonly text: string;
  readonly maxLength: number;
  readonly resolve: (model: DocumentModel) => void;
  readonly reject: (e: Error) => void;
}

/**
 * Analysis on worker threads for the workspace index (see `create` for how many): files read from
 * disk are analysed there, open documents stay on the server's thread (they come first and reuse
 * their memo). A worker that dies is replaced; its file fails with the reason and is logged by the index.
 * Workers start with the first job, not with the server: each compiles and initialises the whole core,
 * which on two cores would compete with the first document's answer (issue 14).
 */
export class AnalysisPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  /** Workers started and not lost (idle or busy). */
  private readonly running = new Set<Worker>();
  readonly size: number;

  private constructor(
    private readonly file: string,
    size: number,
  ) {
    this.size = size;
  }

  /**
   * A pool over the worker bundle beside the server bundle, or undefined when there is none (tests).
   * By default one worker per core, at most two: on the idle 2-core machine two workers, with the
   * server's thread only writing the database, indexed 2,000 files in 69–72 s against 83–92 s for one worker
   * plus the server's thread analysing (peak RSS 455 against 407 MB: every worker is a whole copy of the analysis).
   */
  static create(workerFile: string, size = Math.min(2, availableParallelism())): AnalysisPool | undefined {
    if (size < 1 || !existsSync(workerFile)) return undefined;
    return new AnalysisPool(workerFile, size);
  }

  analyze(text: string, maxLength: number): Promise<DocumentModel> {
    if (this.closed) return Promise.reject(new Error('the analysis pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, text, maxLength, resolve, reject });
      this.pump();
    });
  }

  close(): void {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the analysis pool is closed'));
    for (const w of [...this.idle, ...this.busy.keys()]) void w.terminate();
    this.idle.length = 0;
  }

  private spawn(): Worker {
    const worker = new Worker(this.file);
    this.running.add(worker);
    worker.unref();
    worker.on('message', (message: { id: number; model?: DocumentModel; error?: string }) => {
      const job = this.busy.get(worker);
      if (!job || job.id !== message.id) return;
      this.busy.delete(worker);
      this.idle.push(worker);
      if (message.model) job.resolve(message.model);
      else job.reject(new Error(message.error ?? 'analysis failed'));
      this.pump();
    });
    const lost = (reason: string): void => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
      this.running.delete(worker);
      job?.reject(new Error(`analysis worker stopped: ${reason}`));
      // A replacement starts with the next job waiting, if any.
      if (!this.closed) this.pump();
    };
    worker.on('error', (e) => lost(e.message));
    worker.on('exit', (code) => {
      if (this.busy.has(worker) || this.idle.includes(worker)) lost(`exit code ${code}`);
    });
    return worker;
  }

  private pump(): void {
    while (this.queue.length && (this.idle.length || this.running.size < this.size)) {
      const worker = this.idle.pop() ?? this.spawn();
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage({ id: job.id, text: job.text, maxLength: job.maxLength });
    }
  }
}
