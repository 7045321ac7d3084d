namespace RareEarthApi.Storage;

/// <summary>Table Storage could not be reached, so there is nothing to serve; answered as 503 with Retry-After.</summary>
internal sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
