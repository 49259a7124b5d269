using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Vinculo.Ingestion;
using Vinculo.Ingestion.Jobs;
using Vinculo.Privacy;
using Vinculo.Storage;
using Vinculo.Tests.Consent;
using Vinculo.Tests.Infrastructure;

namespace Vinculo.Tests.Privacy;

/// <summary>Erasure in kept import files beyond plain UTF-8 CSV: Windows-1252 with quoted line breaks, and XLSX.</summary>
public sealed class ImportFilesErasureTests
{
    private static MemoryStream Xlsx(params (string Name, string Email, string Phone)[] rows)
    {
        var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => new Dictionary<string, object?> { ["Nombre"] = r.Name, ["Correo"] = r.Email, ["Celular"] = r.Phone }).ToList(), excelType: ExcelType.XLSX);
        stream.Position = 0;
        return stream;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Latin1_csv_lines_are_blanked_and_an_xlsx_naming_the_person_is_removed(StorageProvider provider)
    {
        await using var h = await PrivacyHost.CreateAsync(provider);
        var person = await h.AddContactAsync("Wenceslaa", "Qüintanar", null, "wenceslaa.q@example.com", "+528181234567");
        var imports = h.Get<ImportService>();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var latin1 = Encoding.GetEncoding(1252);
        const string Csv = "Nombre;Notas;Teléfono\r\n" +
            "Núñez;\"dice: llamar\r\npor la tarde\";(81) 8123-4567\r\n" +
            "Íñigo;\"sin; datos\";+52 81 5555 0000\r\n";
        var csv = await imports.UploadAsync("latin1.csv", new MemoryStream(latin1.GetBytes(Csv)));
        var withPerson = await imports.UploadAsync("con-ella.xlsx", Xlsx(("Wenceslaa", "WENCESLAA.Q@example.com", ""), ("Otro", "otro@example.com", "")));
        var without = await imports.UploadAsync("sin-ella.xlsx", Xlsx(("Otro", "otro@example.com", "81 5555 0000")));
        string SourceOf(Guid job) => Directory.GetFiles(h.Get<ImportFiles>().FolderFor(job), "source*").Single();
        var csvPath = SourceOf(csv.JobId);
        var xlsxPath = SourceOf(withPerson.JobId);
        var length = new FileInfo(csvPath).Length;

        var privacy = h.Get<PrivacyService>();
        await privacy.BlockAsync(person.Id, "ARCO");
        await privacy.EraseAsync(person.Id);

        // The person's record (with its quoted line break) is blank; the rest is as it was, in its encoding.
        Assert.Equal(length, new FileInfo(csvPath).Length);
        var text = latin1.GetString(await File.ReadAllBytesAsync(csvPath));
        Assert.DoesNotContain("Núñez", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4567", text, StringComparison.Ordinal);
        Assert.EndsWith("Íñigo;\"sin; datos\";+52 81 5555 0000\r\n", text, StringComparison.Ordinal);
        Assert.StartsWith("Nombre;Notas;Teléfono\r\n", text, StringComparison.Ordinal);
        using (var reader = Vinculo.Ingestion.Readers.ImportFormats.Default.Open(csvPath))
        {
            Assert.True(reader.Read());
            Assert.Equal(["", "", ""], Enumerable.Range(0, 3).Select(i => reader.GetString(i).Trim()));
            Assert.True(reader.Read());
            Assert.Equal("Íñigo", reader.GetString(0));
        }

        // An XLSX cannot be blanked in place: the one naming her is gone and its unfinished job failed; the other stays.
        Assert.False(File.Exists(xlsxPath));
        Assert.True(File.Exists(SourceOf(without.JobId)));
        await using var db = h.Db.Open();
        var failed = await db.Set<ImportJob>().SingleAsync(j => j.Id == withPerson.JobId);
        Assert.Equal(ImportJobStatus.Failed, failed.Status);
        Assert.Equal(ImportFilesEraser.RemovedByErasure, failed.Error);
        Assert.Equal(ImportJobStatus.Uploaded, (await db.Set<ImportJob>().SingleAsync(j => j.Id == without.JobId)).Status);
        Assert.Equal(ImportJobStatus.Uploaded, (await db.Set<ImportJob>().SingleAsync(j => j.Id == csv.JobId)).Status);
    }
}
