using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vinculo.Storage;

namespace Vinculo.Contacts;

/// <summary>
/// One word of a listed contact's search name (given names, paternal and maternal surname), so a search
/// for any of them is an index range. Only active and blocked contacts have words (merged and erased
/// ones are not listed), so a search never reads the contacts table until it has its page. The
/// database keeps these rows itself (triggers on contacts, see <see cref="ContactNameWords"/>), so every
/// writer — services, imports, bulk paths, merges, erasure — is covered.
/// </summary>
public sealed class ContactNameWord : IWorkspaceOwned
{
    public Guid WorkspaceId { get; set; }
    public required string Word { get; set; }
    /// <summary>The whole search name, so pages sort and further words filter without reading contacts.</summary>
    public required string SearchName { get; set; }
    public Guid ContactId { get; set; }
}

internal sealed class ContactNameWordConfiguration : IEntityTypeConfiguration<ContactNameWord>
{
    public void Configure(EntityTypeBuilder<ContactNameWord> b)
    {
        b.HasKey(w => new { w.WorkspaceId, w.Word, w.SearchName, w.ContactId });
        b.Property(w => w.Word).HasMaxLength(600);
        b.Property(w => w.SearchName).HasMaxLength(600);
        b.HasOne<Contact>().WithMany().HasForeignKey(w => w.ContactId).OnDelete(DeleteBehavior.Cascade);
        // Two equalities, so SQLite prefers it to the primary key when looking for one contact's words.
        b.HasIndex(w => new { w.ContactId, w.WorkspaceId, w.Word });
    }
}

/// <summary>
/// Installs the triggers that keep <see cref="ContactNameWord"/> in step with contacts.search_name.
/// They live outside the EF migrations (which are regenerated), so every start checks them and,
/// when they are missing, creates them and rebuilds the words from the contacts in one statement.
/// Words are split on spaces and hyphens ("pérez-gómez" is found by "gomez").
/// </summary>
public static class ContactNameWords
{
    /// <summary>A JSON array of the words of <paramref name="name"/> (a column expression) for json_each.</summary>
    private static string SqliteJson(string name) =>
        $"'[\"' || replace(replace(replace(replace({name}, '\\', '\\\\'), '\"', '\\\"'), '-', ' '), ' ', '\",\"') || '\"]'";

    /// <summary>Inserts the words of <paramref name="row"/>; a name that makes no valid JSON (control characters) gets none.</summary>
    private static string SqliteInsertWords(string row, string from = "")
    {
        var json = SqliteJson($"{row}.search_name");
        return "INSERT OR IGNORE INTO contact_name_words (workspace_id, word, search_name, contact_id) "
            + $"SELECT {row}.workspace_id, value, {row}.search_name, {row}.id FROM {from}json_each(CASE WHEN json_valid({json}) THEN {json} ELSE '[]' END) "
            + $"WHERE value <> '' AND {row}.status IN (0, 1)";
    }

    public static async Task EnsureAsync(VinculoDbContext db, CancellationToken ct = default)
    {
        if (db.Provider == StorageProvider.Sqlite)
        {
            var present = await db.Database.SqlQueryRaw<int>(
                "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name IN ('contacts_name_words_insert', 'contacts_name_words_update')").SingleAsync(ct);
            if (present == 2)
            {
                return;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync(
                "DROP TRIGGER IF EXISTS contacts_name_words_insert; DROP TRIGGER IF EXISTS contacts_name_words_update; DELETE FROM contact_name_words;", ct);
            var backfill = SqliteInsertWords("c", "contacts c, ");
            var onInsert = $"CREATE TRIGGER contacts_name_words_insert AFTER INSERT ON contacts BEGIN {SqliteInsertWords("NEW")}; END;";
            var onUpdate = "CREATE TRIGGER contacts_name_words_update AFTER UPDATE OF search_name, status ON contacts "
                + "WHEN NEW.search_name IS NOT OLD.search_name OR NEW.status IS NOT OLD.status BEGIN "
                + $"DELETE FROM contact_name_words WHERE contact_id = OLD.id; {SqliteInsertWords("NEW")}; END;";
            await db.Database.ExecuteSqlRawAsync(backfill, ct);
            await db.Database.ExecuteSqlRawAsync(onInsert, ct);
            await db.Database.ExecuteSqlRawAsync(onUpdate, ct);
            await tx.CommitAsync(ct);
            return;
        }

        var installed = await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_trigger WHERE tgrelid = 'contacts'::regclass AND tgname IN ('contacts_name_words_insert', 'contacts_name_words_update')").SingleAsync(ct);
        if (installed == 2)
        {
            return;
        }

        const string words = "unnest(string_to_array(replace(n.search_name, '-', ' '), ' ')) AS w(word)";
        await using var pgTx = await db.Database.BeginTransactionAsync(ct);
        var install = $$"""
            DROP TRIGGER IF EXISTS contacts_name_words_insert ON contacts;
            DROP TRIGGER IF EXISTS contacts_name_words_update ON contacts;
            DELETE FROM contact_name_words;
            INSERT INTO contact_name_words (workspace_id, word, search_name, contact_id)
              SELECT DISTINCT n.workspace_id, w.word, n.search_name, n.id FROM contacts n CROSS JOIN LATERAL {{words}} WHERE w.word <> '' AND n.status IN (0, 1);
            CREATE OR REPLACE FUNCTION contact_name_words_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
              INSERT INTO contact_name_words (workspace_id, word, search_name, contact_id)
                SELECT DISTINCT n.workspace_id, w.word, n.search_name, n.id FROM new_rows n CROSS JOIN LATERAL {{words}} WHERE w.word <> '' AND n.status IN (0, 1);
              RETURN NULL;
            END $fn$;
            CREATE OR REPLACE FUNCTION contact_name_words_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
              DELETE FROM contact_name_words x USING old_rows o JOIN new_rows n ON n.id = o.id
                WHERE x.contact_id = o.id AND (n.search_name IS DISTINCT FROM o.search_name OR n.status IS DISTINCT FROM o.status);
              INSERT INTO contact_name_words (workspace_id, word, search_name, contact_id)
                SELECT DISTINCT n.workspace_id, w.word, n.search_name, n.id FROM new_rows n JOIN old_rows o ON o.id = n.id CROSS JOIN LATERAL {{words}}
                WHERE w.word <> '' AND n.status IN (0, 1) AND (n.search_name IS DISTINCT FROM o.search_name OR n.status IS DISTINCT FROM o.status);
              RETURN NULL;
            END $fn$;
            CREATE TRIGGER contacts_name_words_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_rows
              FOR EACH STATEMENT EXECUTE FUNCTION contact_name_words_inserted();
            CREATE TRIGGER contacts_name_words_update AFTER UPDATE ON contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
              FOR EACH STATEMENT EXECUTE FUNCTION contact_name_words_updated();
            """;
        await db.Database.ExecuteSqlRawAsync(install, ct);
        await pgTx.CommitAsync(ct);
    }
}
