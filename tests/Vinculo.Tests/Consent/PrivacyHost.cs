using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vinculo.Contacts;
using Vinculo.Families;
using Vinculo.Ingestion.Jobs;
using Vinculo.Storage;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Consent;

/// <summary>The core services over a test database, scoped to its workspace, with a fake clock.</summary>
public sealed class PrivacyHost : IAsyncDisposable
{
    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;

    private PrivacyHost(TestDatabase db, FakeTimeProvider time)
    {
        Db = db;
        Time = time;
        var services = new ServiceCollection();
        services.AddSingleton(db.Database);
        services.AddSingleton<TimeProvider>(time);
        services.AddScoped<WorkspaceScope>();
        services.AddScoped<IDbContextFactory<VinculoDbContext>, ScopedDbContextFactory>();
        services.AddSingleton(new ImportFiles(ImportsFolder));
        services.AddVinculoCore();
        _root = services.BuildServiceProvider();
        _scope = _root.CreateAsyncScope();
        _scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = db.Workspace.Id;
    }

    public TestDatabase Db { get; }

    /// <summary>A private folder for import uploads and rejects, removed with the host.</summary>
    public string ImportsFolder { get; } = Path.Combine(Path.GetTempPath(), "vinculo-tests", "privacy-imports-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; }

    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>Midday in Mexico City (UTC-6) on the given date.</summary>
    public static DateTimeOffset MexicoNoon(int year, int month, int day) => new(year, month, day, 18, 0, 0, TimeSpan.Zero);

    public static async Task<PrivacyHost> CreateAsync(StorageProvider provider, DateTimeOffset? now = null)
    {
        var db = await TestDatabase.CreateAsync(provider);
        return new PrivacyHost(db, new FakeTimeProvider(now ?? MexicoNoon(2026, 6, 15)));
    }

    public async Task<Contact> AddContactAsync(string given, string surname, DateOnly? birthDate = null, string? email = null, string? phone = null)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        var contact = new Contact
        {
            GivenNames = given,
            PaternalSurname = surname,
            DisplayName = Contact.ComposeDisplayName(given, surname, null),
            SearchName = (given + " " + surname).ToLowerInvariant(),
            BirthDate = birthDate,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (email is not null)
        {
            contact.Emails.Add(new ContactEmail { Address = email, IsPrimary = true });
        }

        if (phone is not null)
        {
            contact.Phones.Add(new ContactPhone { Number = phone, IsPrimary = true, Label = "mobile" });
        }

        await using var db = Db.Open();
        db.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    public async Task LinkAsync(Contact guardian, Contact minor, GuardianRelationship relationship = GuardianRelationship.Mother)
    {
        await using var db = Db.Open();
        db.Add(new GuardianLink { GuardianId = guardian.Id, MinorId = minor.Id, Relationship = relationship, CreatedAt = Time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
        await Db.DisposeAsync();
        if (Directory.Exists(ImportsFolder))
        {
            Directory.Delete(ImportsFolder, recursive: true);
        }
    }
}
