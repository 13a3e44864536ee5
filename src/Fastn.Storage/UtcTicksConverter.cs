using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fastn.Storage;

/// <summary>Stores a <see cref="DateTimeOffset"/> as its UTC ticks (order-preserving) and reads it back as UTC.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
