using System.Text;
using MiniExcelLibs;
using Vinculo.Ingestion.Readers;

namespace Vinculo.Tests.Ingestion;

public sealed class ReaderTests
{
    private static List<string[]> ReadAll(byte[] bytes, string fileName = "file.csv")
    {
        var path = Path.Combine(Path.GetTempPath(), "vinculo-reader-" + Guid.NewGuid().ToString("N") + Path.GetExtension(fileName));
        File.WriteAllBytes(path, bytes);
        try
        {
            using var reader = ImportFormats.Default.Open(path);
            var rows = new List<string[]> { reader.Headers.ToArray() };
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.Headers.Count).Select(reader.GetString)]);
            }

            return rows;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Utf8_with_bom_keeps_accents_and_the_bom_is_not_part_of_the_first_header()
    {
        var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes("Nombre,Teléfono\nJosé Núñez,5512345678\n")).ToArray();
        var rows = ReadAll(bytes);
        Assert.Equal(["Nombre", "Teléfono"], rows[0]);
        Assert.Equal(["José Núñez", "5512345678"], rows[1]);
    }

    [Fact]
    public void Utf8_without_bom_is_detected()
    {
        var rows = ReadAll(Encoding.UTF8.GetBytes("Nombre;Ciudad\nMaría;Mérida\n"));
        Assert.Equal(["María", "Mérida"], rows[1]);
    }

    [Fact]
    public void Latin1_windows_1252_is_detected_and_decoded()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes("Nombre;Año;Ciudad\nIñaki Muñoz;1990;Querétaro\n");
        Assert.Equal(0xF1, bytes[8]); // ñ as one Latin-1 byte, invalid as UTF-8
        var rows = ReadAll(bytes);
        Assert.Equal(["Nombre", "Año", "Ciudad"], rows[0]);
        Assert.Equal(["Iñaki Muñoz", "1990", "Querétaro"], rows[1]);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Delimiter_is_sniffed(char delimiter)
    {
        var d = delimiter.ToString();
        var text = $"Nombre{d}Correo{d}Ciudad\nAna, la de ventas{d}ana@x.mx{d}CDMX\nLuis{d}luis@x.mx{d}Puebla\n";
        if (delimiter == ',')
        {
            text = "Nombre,Correo,Ciudad\n\"Ana, la de ventas\",ana@x.mx,CDMX\nLuis,luis@x.mx,Puebla\n";
        }

        Assert.Equal(delimiter, CsvFormat.SniffDelimiter(text));
        var rows = ReadAll(Encoding.UTF8.GetBytes(text));
        Assert.Equal(3, rows.Count);
        Assert.Equal(["Ana, la de ventas", "ana@x.mx", "CDMX"], rows[1]);
    }

    [Fact]
    public void Quoted_fields_may_span_lines_and_short_rows_read_as_empty()
    {
        var rows = ReadAll(Encoding.UTF8.GetBytes("Nombre,Notas,Ciudad\r\nAna,\"primera línea\r\nsegunda \"\"cita\"\"\",CDMX\r\nLuis\r\n"));
        Assert.Equal(3, rows.Count);
        Assert.Equal("primera línea\r\nsegunda \"cita\"", rows[1][1]);
        Assert.Equal(["Luis", "", ""], rows[2]);
    }

    [Fact]
    public void Xlsx_first_sheet_reads_headers_dates_and_numbers()
    {
        using var stream = new MemoryStream();
        var sheet = new List<Dictionary<string, object?>>
        {
            new() { ["Nombre"] = "Ana", ["Fecha de nacimiento"] = new DateTime(1990, 5, 17), ["CP"] = 6600, ["Correo"] = "ana@x.mx" },
            new() { ["Nombre"] = "Luis", ["Fecha de nacimiento"] = null, ["CP"] = 44100, ["Correo"] = "luis@x.mx" },
        };
        stream.SaveAs(sheet, excelType: ExcelType.XLSX);
        var rows = ReadAll(stream.ToArray(), "contactos.xlsx");
        Assert.Equal(["Nombre", "Fecha de nacimiento", "CP", "Correo"], rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal("Ana", rows[1][0]);
        Assert.Equal("1990-05-17", rows[1][1]);
        Assert.Equal("6600", rows[1][2]);
        Assert.Equal(["Luis", "", "44100", "luis@x.mx"], rows[2]);
    }
}
