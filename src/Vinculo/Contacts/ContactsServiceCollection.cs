using Microsoft.Extensions.DependencyInjection;

namespace Vinculo.Contacts;

public static class ContactsServiceCollection
{
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddScoped<ContactService>();
        services.AddScoped<CustomFieldService>();
        services.AddScoped<OrganizationService>();
        return services;
    }
}
