using WritersRoom.Data;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Components;
using WritersRoom.Web.Formats;
using WritersRoom.Web.Hosting;
using WritersRoom.Web.Scripts;

if (args.FirstOrDefault() == "convert") return await ConvertCommand.RunAsync(args[1..]);

var builder = WebApplication.CreateBuilder(args);
builder.AddTopLevelAppSettings();
builder.AddWritersRoomData();
builder.AddWritersRoomAccounts();
builder.AddWritersRoomScripts();
builder.AddWritersRoomEditing();
builder.AddWritersRoomAi();
builder.AddWritersRoomJobs();
builder.AddWritersRoomChat();
builder.AddWritersRoomFormats();
builder.AddWritersRoomUi();
builder.AddWritersRoomObservability();

var app = builder.Build();
await app.Services.MigrateWritersRoomDatabaseAsync();
await FirstAccountRole.EnsureRolesAsync(app.Services);

app.UseWritersRoomPipeline();
app.MapAccountEndpoints();
app.MapExportEndpoints();
app.MapWritersRoomObservability();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
return 0;
