// Province scale: departments built on several machines through a BullMQ queue in Redis. The
// client side (`build --queue`, `serve --queue`) puts one job per department in the queue and
// follows its results; `juesuan worker` builds them with the local pipeline. Outputs go to a
// folder every machine shares, written atomically by the workers as a local build writes them.
export { queueBuilder, QueueBuilder, type QueueBuildOptions } from './builder.js';
export { displayUrl, parseRedisUrl, QUEUE_NAME } from './connection.js';
export { enqueueBatch, QueuedBatch, type QueuedResult, type QueueRunOptions } from './enqueue.js';
export { settingsOf, type DepartmentJob, type JobSettings } from './job.js';
export { startWorker, type RunningWorker, type WorkerSettings } from './worker.js';
