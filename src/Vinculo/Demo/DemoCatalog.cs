using Vinculo.Orders;

namespace Vinculo.Demo;

/// <summary>A Mexican city: where demo people live, which area code their phones carry and their time zone.</summary>
internal sealed record DemoCity(string Name, string State, string AreaCode, int PostalCodeFrom, int PostalCodeTo, string TimeZone, string StoreCode, int Weight);

internal sealed record DemoProduct(string Sku, string Name, string Category, decimal Price);

internal sealed record DemoIndustry(string Name, string[] NamePrefixes);

/// <summary>The fixed catalogue the demo draws from; brands are invented so no real company is implied.</summary>
internal static class DemoCatalog
{
    // Weights roughly follow metropolitan population.
    public static readonly DemoCity[] Cities =
    [
        new("Ciudad de México", "Ciudad de México", "55", 1000, 16999, "America/Mexico_City", "CDMX-01", 22),
        new("Naucalpan de Juárez", "Estado de México", "55", 53000, 53800, "America/Mexico_City", "CDMX-02", 5),
        new("Toluca de Lerdo", "Estado de México", "722", 50000, 50299, "America/Mexico_City", "TOL-01", 4),
        new("Guadalajara", "Jalisco", "33", 44100, 44990, "America/Mexico_City", "GDL-01", 9),
        new("Zapopan", "Jalisco", "33", 45000, 45249, "America/Mexico_City", "GDL-02", 5),
        new("Monterrey", "Nuevo León", "81", 64000, 64999, "America/Monterrey", "MTY-01", 8),
        new("San Pedro Garza García", "Nuevo León", "81", 66200, 66299, "America/Monterrey", "MTY-02", 2),
        new("Puebla", "Puebla", "222", 72000, 72599, "America/Mexico_City", "PUE-01", 5),
        new("Santiago de Querétaro", "Querétaro", "442", 76000, 76250, "America/Mexico_City", "QRO-01", 4),
        new("León", "Guanajuato", "477", 37000, 37699, "America/Mexico_City", "LEO-01", 4),
        new("Mérida", "Yucatán", "999", 97000, 97399, "America/Merida", "MID-01", 3),
        new("Cancún", "Quintana Roo", "998", 77500, 77599, "America/Cancun", "CUN-01", 3),
        new("Tijuana", "Baja California", "664", 22000, 22699, "America/Tijuana", "TIJ-01", 4),
        new("Chihuahua", "Chihuahua", "614", 31000, 31499, "America/Chihuahua", "CUU-01", 2),
        new("Hermosillo", "Sonora", "662", 83000, 83299, "America/Hermosillo", "HMO-01", 2),
        new("Culiacán", "Sinaloa", "667", 80000, 80399, "America/Mazatlan", "CUL-01", 2),
        new("Aguascalientes", "Aguascalientes", "449", 20000, 20399, "America/Mexico_City", "AGS-01", 2),
        new("San Luis Potosí", "San Luis Potosí", "444", 78000, 78399, "America/Mexico_City", "SLP-01", 2),
        new("Morelia", "Michoacán", "443", 58000, 58299, "America/Mexico_City", "MLM-01", 2),
        new("Veracruz", "Veracruz", "229", 91700, 91999, "America/Mexico_City", "VER-01", 2),
        new("Oaxaca de Juárez", "Oaxaca", "951", 68000, 68299, "America/Mexico_City", "OAX-01", 1),
        new("Saltillo", "Coahuila", "844", 25000, 25299, "America/Monterrey", "SLW-01", 2),
        new("Villahermosa", "Tabasco", "993", 86000, 86299, "America/Mexico_City", "VSA-01", 1),
        new("Tuxtla Gutiérrez", "Chiapas", "961", 29000, 29099, "America/Mexico_City", "TGZ-01", 1),
    ];

    public static readonly string[] Streets =
    [
        "Av. Insurgentes Sur", "Av. Juárez", "Calle Hidalgo", "Calle Morelos", "Av. Revolución", "Calle 5 de Mayo",
        "Calle Allende", "Paseo de la Reforma", "Calle Zaragoza", "Calle Guerrero", "Av. Universidad", "Calle Independencia",
        "Calle Aldama", "Calle Matamoros", "Av. Vallarta", "Av. Constitución", "Calle Niños Héroes", "Av. López Mateos",
        "Calle Benito Juárez", "Av. Chapultepec", "Calle Madero", "Calle Emiliano Zapata", "Calle Francisco Villa", "Av. de las Torres",
    ];

    public static readonly string[] Neighborhoods =
    [
        "Centro", "Del Valle", "Roma Norte", "Narvarte", "Jardines del Bosque", "Las Américas", "Providencia", "Chapultepec",
        "Moderna", "Obrera", "Industrial", "San José", "La Joya", "Lomas Verdes", "Residencial del Parque", "Santa María",
        "Las Fuentes", "Bosques de las Lomas", "Villa de las Flores", "El Mirador", "Jardines de San Manuel", "Los Pinos",
    ];

    public static readonly string[] EmailDomains =
    [
        "gmail.com", "gmail.com", "gmail.com", "hotmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx", "icloud.com", "live.com.mx", "prodigy.net.mx",
    ];

    public static readonly string[] Tags =
    [
        "cliente-frecuente", "newsletter", "lealtad-oro", "lealtad-plata", "app-movil", "evento-buen-fin", "mayoreo", "referido", "encuesta-2026", "vip",
    ];

    public static readonly string[] Sizes = ["CH", "M", "G", "XG"];

    public static readonly string[] FemaleNames =
    [
        "María", "Guadalupe", "Juana", "Margarita", "Verónica", "Leticia", "Rosa", "Elizabeth", "Patricia", "Gabriela",
        "Alejandra", "Adriana", "Claudia", "Araceli", "Silvia", "Laura", "Mónica", "Carmen", "Fernanda", "Daniela",
        "Valeria", "Ximena", "Sofía", "Regina", "Camila", "Mariana", "Andrea", "Paola", "Lucía", "Itzel",
        "Diana", "Karla", "Brenda", "Yesenia", "Lorena", "Beatriz", "Teresa", "Isabel", "Natalia", "Renata",
    ];

    public static readonly string[] MaleNames =
    [
        "José", "Juan", "Luis", "Miguel", "Jesús", "Francisco", "Antonio", "Alejandro", "Pedro", "Carlos",
        "Jorge", "Ricardo", "Fernando", "Manuel", "Eduardo", "Roberto", "Javier", "Sergio", "Arturo", "Raúl",
        "Daniel", "Diego", "Santiago", "Mateo", "Emiliano", "Sebastián", "Leonardo", "Iker", "Ángel", "Andrés",
        "Héctor", "Víctor", "Rafael", "Alberto", "Enrique", "Óscar", "Gerardo", "Hugo", "Rodrigo", "Gustavo",
    ];

    public static readonly string[] PreferredChannels = ["email", "sms", "whatsapp", "teléfono"];

    public static readonly DemoIndustry[] Industries =
    [
        new("Retail", ["Comercializadora", "Tiendas", "Distribuidora"]),
        new("Manufactura", ["Industrias", "Manufacturas", "Grupo Industrial"]),
        new("Alimentos y bebidas", ["Alimentos", "Productos Lácteos", "Embotelladora"]),
        new("Tecnología", ["Tecnologías", "Soluciones Digitales", "Sistemas"]),
        new("Construcción", ["Constructora", "Desarrollos", "Materiales"]),
        new("Logística", ["Transportes", "Logística", "Fletes"]),
        new("Salud", ["Farmacias", "Laboratorios", "Clínica"]),
        new("Servicios financieros", ["Financiera", "Consultores Fiscales", "Arrendadora"]),
        new("Educación", ["Colegio", "Instituto", "Centro Educativo"]),
        new("Turismo y hospitalidad", ["Hoteles", "Viajes", "Restaurantes"]),
        new("Automotriz", ["Autopartes", "Automotriz", "Refaccionaria"]),
        new("Agroindustria", ["Agrícola", "Agroindustrias", "Granjas"]),
    ];

    public static readonly string[] OrganizationNames =
    [
        "Azteca", "del Bajío", "del Norte", "Sierra Madre", "del Pacífico", "Maya", "Huasteca", "Tolteca", "Anáhuac", "del Golfo",
        "de Occidente", "Cumbres", "Jaguar", "Quetzal", "Obsidiana", "Popocatépetl", "Citlali", "La Esperanza", "San Ángel", "Tlaloc",
        "El Roble", "Los Altos", "Valle Verde", "Mar de Cortés", "Xochimilco", "Tenochtitlan", "Del Sureste", "Riviera", "Cañada", "Nopal",
    ];

    public static readonly string[] LegalForms = ["S.A. de C.V.", "S.A. de C.V.", "S. de R.L. de C.V.", "S.A.P.I. de C.V."];

    public static readonly (string Role, string[] Titles)[] Roles =
    [
        ("Dirección", ["Director General", "Directora General", "Director de Operaciones"]),
        ("Compras", ["Gerente de Compras", "Comprador Sr.", "Jefa de Compras"]),
        ("TI", ["Gerente de TI", "Coordinador de Sistemas", "Arquitecta de Software"]),
        ("Marketing", ["Gerente de Marketing", "Coordinadora de Marca", "Especialista en CRM"]),
        ("Finanzas", ["Director de Finanzas", "Contadora", "Analista Financiero"]),
        ("Operaciones", ["Gerente de Operaciones", "Supervisor de Almacén", "Jefa de Logística"]),
        ("Recursos Humanos", ["Gerente de Recursos Humanos", "Reclutadora", "Coordinador de Nómina"]),
    ];

    public static readonly DemoProduct[] Products =
    [
        new("ALI-0001", "Café orgánico Altos de Chiapas 500 g", "Alimentos gourmet", 189m),
        new("ALI-0002", "Mole poblano Doña Chole 250 g", "Alimentos gourmet", 95m),
        new("ALI-0003", "Vainilla de Papantla Luz de Maya 60 ml", "Alimentos gourmet", 145m),
        new("ALI-0004", "Chocolate de mesa Xoco 6 tablillas", "Alimentos gourmet", 79m),
        new("ALI-0005", "Miel de abeja melipona Luz de Maya 350 g", "Alimentos gourmet", 210m),
        new("ALI-0006", "Salsa macha Doña Chole 200 g", "Alimentos gourmet", 89m),
        new("BEB-0001", "Tequila reposado Hacienda Los Agaves 750 ml", "Vinos y licores", 549m),
        new("BEB-0002", "Mezcal espadín Hacienda Los Agaves 750 ml", "Vinos y licores", 689m),
        new("BEB-0003", "Vino tinto Valle de Guadalupe 750 ml", "Vinos y licores", 420m),
        new("ROP-0001", "Playera de algodón Norteña", "Ropa", 249m),
        new("ROP-0002", "Guayabera de lino Riviera", "Ropa", 899m),
        new("ROP-0003", "Rebozo tejido Barro Vivo", "Ropa", 1250m),
        new("ROP-0004", "Sudadera con capucha Volcán Sport", "Ropa", 699m),
        new("ROP-0005", "Jeans corte recto Norteña", "Ropa", 799m),
        new("CAL-0001", "Huaraches de piel Barro Vivo", "Calzado", 650m),
        new("CAL-0002", "Tenis para correr Volcán Sport", "Calzado", 1599m),
        new("CAL-0003", "Botas vaqueras Norteña", "Calzado", 2490m),
        new("INF-0001", "Mochila escolar Pequeños Pasos", "Infantil", 459m),
        new("INF-0002", "Lonchera térmica Pequeños Pasos", "Infantil", 229m),
        new("INF-0003", "Uniforme deportivo escolar Pequeños Pasos", "Infantil", 389m),
        new("INF-0004", "Juego de bloques didácticos Pequeños Pasos", "Juguetes", 549m),
        new("INF-0005", "Lotería mexicana ilustrada", "Juguetes", 159m),
        new("HOG-0001", "Taza de talavera Barro Vivo", "Hogar", 189m),
        new("HOG-0002", "Juego de sábanas matrimonial Teca Hogar", "Hogar", 899m),
        new("HOG-0003", "Sartén antiadherente 28 cm Teca Hogar", "Hogar", 649m),
        new("HOG-0004", "Molcajete de piedra volcánica", "Hogar", 520m),
        new("HOG-0005", "Vajilla de barro 16 piezas Barro Vivo", "Hogar", 1890m),
        new("BEL-0001", "Crema humectante de nopal Luz de Maya", "Belleza", 259m),
        new("BEL-0002", "Protector solar FPS 50 Riviera", "Belleza", 329m),
        new("BEL-0003", "Jabón artesanal de avena Luz de Maya", "Belleza", 89m),
        new("ELE-0001", "Audífonos inalámbricos Quetzal", "Electrónica", 1299m),
        new("ELE-0002", "Cargador USB-C 30 W Quetzal", "Electrónica", 399m),
        new("ELE-0003", "Bocina portátil Quetzal", "Electrónica", 999m),
        new("ELE-0004", "Smartwatch deportivo Volcán Sport", "Electrónica", 2799m),
        new("DEP-0001", "Balón de fútbol Volcán Sport", "Deportes", 449m),
        new("DEP-0002", "Tapete de yoga Volcán Sport", "Deportes", 499m),
        new("DEP-0003", "Botella térmica 1 L Norteña", "Deportes", 329m),
    ];

    public static readonly (SalesChannel Channel, int Weight)[] Channels =
    [
        (SalesChannel.Store, 30), (SalesChannel.Web, 32), (SalesChannel.Pos, 28), (SalesChannel.Phone, 5), (SalesChannel.Marketplace, 5),
    ];

    public static readonly string[] WebPages =
    [
        "/", "/productos/ropa", "/productos/calzado", "/productos/hogar", "/productos/infantil", "/productos/alimentos-gourmet",
        "/ofertas", "/buen-fin", "/tiendas", "/mi-cuenta", "/carrito", "/blog/recetas-con-mole",
    ];

    public static readonly string[] UtmSources = ["google", "facebook", "instagram", "newsletter", "directo", "tiktok", "whatsapp"];

    public static readonly string[] EmailCampaigns =
    [
        "Rebajas de enero", "Día del amor y la amistad", "Regreso a clases", "Día del niño", "Día de las madres", "Hot Sale",
        "Día del padre", "Vacaciones de verano", "Fiestas patrias", "Día de muertos", "Buen Fin", "Navidad",
    ];
}
