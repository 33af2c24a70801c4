using WritersRoom.Data;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Components;
using WritersRoom.Web.Formats;
using WritersRoom.Web.Hosting;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Security;

if (args.FirstOrDefault() == "convert") return await ConvertCommand.RunAsync(args[1..]);
if (args.FirstOrDefault() == "export-all") return await ExportAllCommand.RunAsync(args[1..], ExportAllCommand.DefaultConfiguration());

var builder = WebApplication.CreateBuilder(args);
builder.AddTopLevelAppSettings();
builder.AddWritersRoomData();
builder.AddWritersRoomAccounts();
builder.AddWritersRoomSecurity();
builder.AddWritersRoomScripts();
builder.AddWritersRoomEditing();
builder.AddWritersRoomCluster();
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
// Blazor adds its own frame-ancestors policy to pages; it must agree with SecurityHeadersMiddleware's.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = "'none'");
app.Run();
return 0;
