using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace CalciScope.Batch;

/// <summary>
/// The durable work queue of a scaled-out batch on RabbitMQ: one persistent message per study, published with
/// confirms; a dead-letter queue for the studies that failed every attempt, each with its error.
/// </summary>
public sealed class StudyQueue : IAsyncDisposable
{
    public const string Queue = "calciscope.studies";
    public const string DeadLetters = "calciscope.studies.dead";
    public const string AttemptsHeader = "x-calciscope-attempts";
    public const string ErrorHeader = "x-calciscope-error";

    private readonly IConnection _connection;
    public IChannel Channel { get; }

    private StudyQueue(IConnection connection, IChannel channel)
    {
        _connection = connection;
        Channel = channel;
    }

    public static async Task<StudyQueue> Connect(string amqpUrl, string clientName, CancellationToken ct = default)
    {
        if (!Uri.TryCreate(amqpUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            throw new InputException(null, $"'{amqpUrl}' is not a broker URL such as amqp://user:password@host:5672/");
        var factory = new ConnectionFactory { Uri = uri, ClientProvidedName = clientName, AutomaticRecoveryEnabled = true };
        try
        {
            var connection = await factory.CreateConnectionAsync(ct);
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
            await channel.QueueDeclareAsync(DeadLetters, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
            await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
            return new StudyQueue(connection, channel);
        }
        catch (BrokerUnreachableException e)
        {
            throw new InputException(null, $"the broker at {uri.Host}:{uri.Port} cannot be reached ({e.InnerException?.GetType().Name ?? e.GetType().Name})");
        }
    }

    public static byte[] Body(BatchItem item) => Encoding.UTF8.GetBytes((item switch
    {
        { WebFolder: { } folder } => new JsonObject { ["input"] = item.Input, ["folder"] = folder },
        { PacsBase: { } pacs } => new JsonObject { ["input"] = item.Input, ["pacs"] = pacs, ["study_uid"] = item.StudyUid },
        _ => new JsonObject { ["input"] = Path.GetFullPath(item.Input) },
    }).ToJsonString());

    public static BatchItem Item(ReadOnlyMemory<byte> body)
    {
        var n = JsonNode.Parse(Encoding.UTF8.GetString(body.Span));
        var input = n?["input"]?.GetValue<string>() ?? throw new JsonException("no input in the message");
        if (n["folder"]?.GetValue<string>() is { } folder) return BatchItem.ForWebJob(folder);
        return n["pacs"]?.GetValue<string>() is { } pacs && n["study_uid"]?.GetValue<string>() is { } uid ? BatchItem.FromPacs(pacs, uid) : new BatchItem(input);
    }

    /// <summary>Publishes one persistent message per study and waits for the broker's confirms.</summary>
    public async Task<int> Enqueue(IEnumerable<BatchItem> items, CancellationToken ct = default)
    {
        int n = 0;
        foreach (var item in items)
        {
            await Publish(Queue, Body(item), 0, null, ct);
            n++;
        }
        return n;
    }

    public ValueTask Publish(string queue, ReadOnlyMemory<byte> body, int attempts, string? error, CancellationToken ct)
    {
        var props = new BasicProperties { Persistent = true, ContentType = "application/json", Headers = new Dictionary<string, object?> { [AttemptsHeader] = attempts } };
        if (error is not null) props.Headers[ErrorHeader] = error;
        return Channel.BasicPublishAsync("", queue, mandatory: true, props, body, ct);
    }

    public static int Attempts(IReadOnlyBasicProperties p) => p.Headers?.TryGetValue(AttemptsHeader, out var v) == true ? Convert.ToInt32(v) : 0;

    public async Task<uint> Waiting(string queue = Queue, CancellationToken ct = default) => await Channel.MessageCountAsync(queue, ct);

    public async ValueTask DisposeAsync()
    {
        try { await Channel.CloseAsync(); } catch (AlreadyClosedException) { }
        Channel.Dispose();
        try { await _connection.CloseAsync(); } catch (AlreadyClosedException) { }
        _connection.Dispose();
    }
}

/// <summary>What a worker did before it stopped.</summary>
public sealed record WorkerSummary(int Analysed, int Skipped, int Retried, int DeadLettered);

/// <summary>
/// A batch worker: takes one study at a time (prefetch 1), commits its result to the store, and only then acknowledges
/// the message; a killed worker's study is redelivered to another and, being keyed, stored once. A failed study is
/// tried again up to <see cref="MaxAttempts"/> times and then moved to the dead-letter queue with its error.
/// </summary>
public static class BatchWorker
{
    /// <summary>Attempts per study before it goes to the dead-letter queue: a study failing three times in a row is broken, not unlucky.</summary>
    public const int MaxAttempts = 3;

    public static async Task<WorkerSummary> Run(string amqpUrl, ResultStore store, BatchOptions options, TimeSpan? exitWhenIdle,
        Action<string>? log = null, CancellationToken ct = default)
    {
        await using var queue = await StudyQueue.Connect(amqpUrl, "calciscope-worker " + options.Worker, ct);
        var ch = queue.Channel;
        await ch.BasicQosAsync(0, 1, false, ct);
        int analysed = 0, skipped = 0, retried = 0, dead = 0;
        var lastActivity = DateTime.UtcNow;
        int busy = 0;
        var consumer = new AsyncEventingBasicConsumer(ch);
        consumer.ReceivedAsync += async (_, ea) =>
        {
            Interlocked.Exchange(ref busy, 1);
            try
            {
                BatchItem item;
                try { item = StudyQueue.Item(ea.Body); }
                catch (JsonException e)
                {
                    await queue.Publish(StudyQueue.DeadLetters, ea.Body, StudyQueue.Attempts(ea.BasicProperties), "unreadable message: " + e.Message, ct);
                    await ch.BasicAckAsync(ea.DeliveryTag, false, ct);
                    dead++;
                    return;
                }
                if (item.WebFolder is { } webFolder)
                {
                    var outcome = WebJobs.Work(webFolder, StudyQueue.Attempts(ea.BasicProperties) + 1, MaxAttempts, store, options, log);
                    if (outcome.Retry) { await queue.Publish(StudyQueue.Queue, ea.Body, outcome.Attempts, outcome.Error, ct); retried++; }
                    else if (outcome.Error is not null) { await queue.Publish(StudyQueue.DeadLetters, ea.Body, outcome.Attempts, outcome.Error, ct); dead++; }
                    else if (outcome.Skipped) skipped++;
                    else analysed++;
                    await ch.BasicAckAsync(ea.DeliveryTag, false, ct);
                    return;
                }
                var key = item.Key();
                if (store.IsDone(key, StudyProcessor.AnalysisVersion))
                {
                    skipped++;
                    await ch.BasicAckAsync(ea.DeliveryTag, false, ct);
                    return;
                }
                log?.Invoke($"start {key}");
                var result = StudyProcessor.Process(item, key, options);
                int attempts = StudyQueue.Attempts(ea.BasicProperties) + 1;
                if (result.Status == BatchResult.Done)
                {
                    store.Record(result);
                    analysed++;
                    log?.Invoke($"done {key} in {result.Seconds:0.0} s");
                }
                else if (attempts < MaxAttempts)
                {
                    await queue.Publish(StudyQueue.Queue, ea.Body, attempts, result.Error, ct);
                    retried++;
                }
                else
                {
                    store.Record(result);
                    await queue.Publish(StudyQueue.DeadLetters, ea.Body, attempts, result.Error, ct);
                    dead++;
                    log?.Invoke($"dead-lettered {key}: {result.Error}");
                }
                // Acknowledged only now: the result (or the retry, or the dead letter) is safe.
                await ch.BasicAckAsync(ea.DeliveryTag, false, ct);
            }
            finally
            {
                lastActivity = DateTime.UtcNow;
                Interlocked.Exchange(ref busy, 0);
            }
        };
        await ch.BasicConsumeAsync(StudyQueue.Queue, autoAck: false, consumer, ct);
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(500, ct).ContinueWith(_ => { }, CancellationToken.None);
            if (exitWhenIdle is { } idle && Volatile.Read(ref busy) == 0 && DateTime.UtcNow - lastActivity > idle && await queue.Waiting(ct: CancellationToken.None) == 0) break;
        }
        return new WorkerSummary(analysed, skipped, retried, dead);
    }
}
