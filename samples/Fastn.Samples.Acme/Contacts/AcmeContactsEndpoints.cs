using System.Globalization;
using System.Net.Mail;
using Fastn.Samples.Acme.Api;
using Fastn.Samples.Acme.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Samples.Acme.Contacts;

/// <summary><c>/api/v1/contacts</c>: list with cursor pagination and <c>updated_since</c>, get, create, patch, delete.</summary>
internal static class AcmeContactsEndpoints
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;

    public static void MapAcmeContacts(this IEndpointRouteBuilder api)
    {
        var read = new AcmeRequiredScope(AcmeScopes.ContactsRead);
        var write = new AcmeRequiredScope(AcmeScopes.ContactsWrite);
        var contacts = api.MapGroup("/contacts");
        contacts.MapGet(string.Empty, List).WithMetadata(read);
        contacts.MapGet("/{id}", Get).WithMetadata(read);
        contacts.MapPost(string.Empty, CreateAsync).WithMetadata(write);
        contacts.MapPatch("/{id}", UpdateAsync).WithMetadata(write);
        contacts.MapDelete("/{id}", Delete).WithMetadata(write);
    }

    private static IResult List(HttpRequest request, AcmeState state)
    {
        var errors = new Dictionary<string, string>();
        var limit = DefaultLimit;
        var limitText = request.Query["limit"].ToString();
        if (limitText.Length > 0
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = $"must be an integer from 1 to {MaxLimit}";
        }

        var cursor = request.Query["cursor"].ToString();
        if (cursor.Length > 0 && !AcmeContactStore.IsValidCursor(cursor))
        {
            errors["cursor"] = "is not a cursor returned by this API";
        }

        DateTimeOffset? updatedSince = null;
        var sinceText = request.Query["updated_since"].ToString();
        if (sinceText.Length > 0)
        {
            if (DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                updatedSince = since;
            }
            else
            {
                errors["updated_since"] = "must be an ISO 8601 timestamp such as 2025-01-01T00:00:00Z";
            }
        }

        if (errors.Count > 0)
        {
            return AcmeResults.Validation(errors);
        }

        return AcmeResults.Json(state.Contacts.List(limit, cursor.Length > 0 ? cursor : null, updatedSince));
    }

    private static IResult Get(string id, AcmeState state) =>
        state.Contacts.Get(id) is { } contact ? AcmeResults.Json(contact) : NotFound(id);

    private static async Task<IResult> CreateAsync(HttpRequest request, AcmeState state)
    {
        var (body, error) = await AcmeJsonBody.ReadObjectAsync(request);
        if (body is null)
        {
            return error!;
        }

        var errors = new Dictionary<string, string>();
        if (!AcmeJsonBody.TryGetString(body, "email", 254, allowNull: false, errors, out var email))
        {
            errors["email"] = "is required";
        }
        else if (email is not null)
        {
            ValidateEmail(email, errors);
        }

        AcmeJsonBody.TryGetString(body, "given_name", 100, allowNull: true, errors, out var given);
        AcmeJsonBody.TryGetString(body, "family_name", 100, allowNull: true, errors, out var family);
        AcmeJsonBody.TryGetString(body, "company", 200, allowNull: true, errors, out var company);
        AcmeJsonBody.TryGetString(body, "phone", 40, allowNull: true, errors, out var phone);
        AcmeJsonBody.TryGetStringArray(body, "tags", 20, 50, errors, out var tags);
        if (errors.Count > 0)
        {
            return AcmeResults.Validation(errors);
        }

        var draft = new AcmeContact
        {
            Id = string.Empty,
            Email = email!,
            GivenName = given ?? string.Empty,
            FamilyName = family ?? string.Empty,
            Company = NullIfEmpty(company),
            Phone = NullIfEmpty(phone),
            Tags = tags,
        };
        var (status, created) = state.Contacts.Create(draft);
        return status == AcmeWriteStatus.Ok
            ? Results.Json(created, AcmeJson.Options, statusCode: StatusCodes.Status201Created)
            : EmailTaken();
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, AcmeState state)
    {
        if (state.Contacts.Get(id) is null)
        {
            return NotFound(id);
        }

        var (body, error) = await AcmeJsonBody.ReadObjectAsync(request);
        if (body is null)
        {
            return error!;
        }

        var errors = new Dictionary<string, string>();
        var hasEmail = AcmeJsonBody.TryGetString(body, "email", 254, allowNull: false, errors, out var email);
        if (email is not null)
        {
            ValidateEmail(email, errors);
        }

        var hasGiven = AcmeJsonBody.TryGetString(body, "given_name", 100, allowNull: true, errors, out var given);
        var hasFamily = AcmeJsonBody.TryGetString(body, "family_name", 100, allowNull: true, errors, out var family);
        var hasCompany = AcmeJsonBody.TryGetString(body, "company", 200, allowNull: true, errors, out var company);
        var hasPhone = AcmeJsonBody.TryGetString(body, "phone", 40, allowNull: true, errors, out var phone);
        var hasTags = AcmeJsonBody.TryGetStringArray(body, "tags", 20, 50, errors, out var tags);
        if (errors.Count > 0)
        {
            return AcmeResults.Validation(errors);
        }

        var (status, updated) = state.Contacts.Update(id, current => current with
        {
            Email = hasEmail ? email! : current.Email,
            GivenName = hasGiven ? given ?? string.Empty : current.GivenName,
            FamilyName = hasFamily ? family ?? string.Empty : current.FamilyName,
            Company = hasCompany ? NullIfEmpty(company) : current.Company,
            Phone = hasPhone ? NullIfEmpty(phone) : current.Phone,
            Tags = hasTags ? tags : current.Tags,
        });
        return status switch
        {
            AcmeWriteStatus.Ok => AcmeResults.Json(updated),
            AcmeWriteStatus.EmailTaken => EmailTaken(),
            _ => NotFound(id),
        };
    }

    private static IResult Delete(string id, AcmeState state) =>
        state.Contacts.Delete(id) is null ? NotFound(id) : Results.NoContent();

    private static void ValidateEmail(string email, Dictionary<string, string> errors)
    {
        if (!MailAddress.TryCreate(email, out var parsed) || !string.Equals(parsed.Address, email, StringComparison.Ordinal)
            || email.Contains(' ', StringComparison.Ordinal))
        {
            errors["email"] = "must be a valid e-mail address";
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static IResult NotFound(string id) => AcmeResults.NotFound($"No contact with id '{id}'.");

    private static IResult EmailTaken() =>
        AcmeResults.Validation(new Dictionary<string, string> { ["email"] = "is already used by another contact" });
}
