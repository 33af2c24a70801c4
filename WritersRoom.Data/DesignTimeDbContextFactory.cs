using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WritersRoom.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WritersRoomDbContext>
{
    public WritersRoomDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__WritersRoom")
            ?? "Host=127.0.0.1;Port=55432;Database=writersroom;Username=writersroom;Password=writersroom";
        var options = new DbContextOptionsBuilder<WritersRoomDbContext>();
        DataServiceCollectionExtensions.Configure(options, DataServiceCollectionExtensions.CreateDataSource(connectionString));
        return new WritersRoomDbContext(options.Options);
    }
}
