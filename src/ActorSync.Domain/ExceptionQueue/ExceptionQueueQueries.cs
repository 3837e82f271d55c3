using System.Collections.Immutable;

namespace ActorSync.Domain.ExceptionQueue;

public static class ExceptionQueueQueries
{
    public interface IExceptionQueueQuery;

    /// <summary>Answered with <see cref="ExceptionList"/>, oldest first.</summary>
    public sealed record ListExceptions(ExceptionFilter Filter) : IExceptionQueueQuery;

    /// <summary>Answered with <see cref="ExceptionLookup"/>.</summary>
    public sealed record GetException(string ExceptionId) : IExceptionQueueQuery;

    public sealed record ExceptionList(ImmutableList<ExceptionRecord> Items);

    /// <summary><see cref="Exception"/> is null when the queue has no such id (never raised, or purged).</summary>
    public sealed record ExceptionLookup(string ExceptionId, ExceptionRecord? Exception);
}
